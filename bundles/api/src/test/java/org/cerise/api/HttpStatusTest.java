package org.cerise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference: {@code cherrypy.lib.httputil.valid_status(code)}, which returns the code, the
 * reason phrase and the message that error pages show (CherryPy 18.8 on Python 3.11). Codes
 * not listed have an empty reason and message.
 */
class HttpStatusTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            100 | Continue | `Request received, please continue`
            101 | Switching Protocols | `Switching to new protocol; obey Upgrade header`
            102 | Processing | ``
            103 | Early Hints | ``
            200 | OK | `Request fulfilled, document follows`
            201 | Created | `Document created, URL follows`
            202 | Accepted | `Request accepted, processing continues off-line`
            203 | Non-Authoritative Information | `Request fulfilled from cache`
            204 | No Content | `Request fulfilled, nothing follows`
            205 | Reset Content | `Clear input form for further input`
            206 | Partial Content | `Partial content follows`
            207 | Multi-Status | ``
            208 | Already Reported | ``
            226 | IM Used | ``
            300 | Multiple Choices | `Object has several resources -- see URI list`
            301 | Moved Permanently | `Object moved permanently -- see URI list`
            302 | Found | `Object moved temporarily -- see URI list`
            303 | See Other | `Object moved -- see Method and URL list`
            304 | Not Modified | `Document has not changed since given time`
            305 | Use Proxy | `You must use proxy specified in Location to access this resource`
            307 | Temporary Redirect | `Object moved temporarily -- see URI list`
            308 | Permanent Redirect | `Object moved permanently -- see URI list`
            400 | Bad Request | `Bad request syntax or unsupported method`
            401 | Unauthorized | `No permission -- see authorization schemes`
            402 | Payment Required | `No payment -- see charging schemes`
            403 | Forbidden | `Request forbidden -- authorization will not help`
            404 | Not Found | `Nothing matches the given URI`
            405 | Method Not Allowed | `Specified method is invalid for this resource`
            406 | Not Acceptable | `URI not available in preferred format`
            407 | Proxy Authentication Required | `You must authenticate with this proxy before proceeding`
            408 | Request Timeout | `Request timed out; try again later`
            409 | Conflict | `Request conflict`
            410 | Gone | `URI no longer exists and has been permanently removed`
            411 | Length Required | `Client must specify Content-Length`
            412 | Precondition Failed | `Precondition in headers is false`
            413 | Request Entity Too Large | `Entity is too large`
            414 | Request-URI Too Long | `URI is too long`
            415 | Unsupported Media Type | `Entity body in unsupported format`
            416 | Requested Range Not Satisfiable | `Cannot satisfy request range`
            417 | Expectation Failed | `Expect condition could not be satisfied`
            418 | I'm a Teapot | `Server refuses to brew coffee because it is a teapot.`
            421 | Misdirected Request | `Server is not able to produce a response`
            422 | Unprocessable Entity | ``
            423 | Locked | ``
            424 | Failed Dependency | ``
            425 | Too Early | ``
            426 | Upgrade Required | ``
            428 | Precondition Required | `The origin server requires the request to be conditional`
            429 | Too Many Requests | `The user has sent too many requests in a given amount of time ("rate limiting")`
            431 | Request Header Fields Too Large | `The server is unwilling to process the request because its header fields are too large`
            451 | Unavailable For Legal Reasons | `The server is denying access to the resource as a consequence of a legal demand`
            500 | Internal Server Error | `The server encountered an unexpected condition which prevented it from fulfilling the request.`
            501 | Not Implemented | `Server does not support this operation`
            502 | Bad Gateway | `Invalid responses from another server/proxy`
            503 | Service Unavailable | `The server is currently unable to handle the request due to a temporary overloading or maintenance of the server.`
            504 | Gateway Timeout | `The gateway server did not receive a timely response`
            505 | HTTP Version Not Supported | `Cannot fulfill request`
            506 | Variant Also Negotiates | ``
            507 | Insufficient Storage | ``
            508 | Loop Detected | ``
            510 | Not Extended | ``
            511 | Network Authentication Required | `The client needs to authenticate to gain network access`
            """)
    void reasonAndMessageAsValidStatus(int code, String reason, String message) {
        assertEquals(reason, HttpStatus.reason(code));
        assertEquals(message, HttpStatus.message(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {104, 199, 306, 419, 430, 499, 509, 599})
    void unlistedCodesHaveNoReason(int code) {
        assertEquals("", HttpStatus.reason(code));
        assertEquals("", HttpStatus.message(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {99, 600, 0, -1})
    void outOfRange(int code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpStatus.reason(code));
        assertEquals("Illegal response status from server (" + code + " is out of range).", e.getMessage());
    }

    @Test
    void httpErrorFromAStatusLine() {
        // HTTPError('418 I am a teapot'): valid_status gives the reason from the line, the message from the code
        HttpError e = new HttpError("418 I am a teapot", null);
        assertEquals(418, e.code());
        assertEquals("I am a teapot", e.reason());
        assertNull(e.errorMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new HttpError("abc", null));
        assertEquals("Illegal response status from server ('abc' is non-numeric).", bad.getMessage());
    }
}
