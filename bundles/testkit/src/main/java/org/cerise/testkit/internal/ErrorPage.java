package org.cerise.testkit.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.api.HttpStatus;

/**
 * CherryPy's {@code get_error_page} for {@code assertErrorPage}: the default error page of a
 * status and message, as a pattern whose traceback and product version match anything. The
 * markup is CherryPy 18's {@code _HTTPErrorTemplate} with the footer Cerise writes
 * ({@code Powered by Cerise <version>}); it is kept here, apart from the core's copy, so that
 * the test kit checks the core against the specification instead of against itself.
 */
public final class ErrorPage {

    private static final String TEMPLATE = "<!DOCTYPE html PUBLIC\n"
            + "\"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
            + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
            + "<html>\n"
            + "<head>\n"
            + "    <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></meta>\n"
            + "    <title>%(status)s</title>\n"
            + "    <style type=\"text/css\">\n"
            + "    #powered_by {\n"
            + "        margin-top: 20px;\n"
            + "        border-top: 2px solid black;\n"
            + "        font-style: italic;\n"
            + "    }\n"
            + "\n"
            + "    #traceback {\n"
            + "        color: red;\n"
            + "    }\n"
            + "    </style>\n"
            + "</head>\n"
            + "    <body>\n"
            + "        <h2>%(status)s</h2>\n"
            + "        <p>%(message)s</p>\n"
            + "        <pre id=\"traceback\">%(traceback)s</pre>\n"
            + "    <div id=\"powered_by\">\n"
            + "      <span>\n"
            + "        Powered by Cerise %(version)s\n"
            + "      </span>\n"
            + "    </div>\n"
            + "    </body>\n"
            + "</html>\n";

    private ErrorPage() {
    }

    /**
     * The page as CherryPy renders it with an empty traceback (for the failure message).
     *
     * @param status  an int code, {@code "404"} or {@code "404 Not Found"}
     * @param message the message, {@code null} for the status's default
     * @param version the version shown in the footer
     * @return the page
     */
    public static String page(Object status, String message, String version) {
        String[] s = status(status);
        return TEMPLATE.replace("%(status)s", escape(s[0])).replace("%(message)s", escape(message == null ? s[1] : message))
                .replace("%(traceback)s", "").replace("%(version)s", version);
    }

    /**
     * The pattern of the page: the traceback is group 1, the version anything on its line.
     *
     * @param status  as for {@link #page}
     * @param message as for {@link #page}
     * @return the pattern, to be matched from the start of the body (Python's {@code re.match})
     */
    public static Pattern pattern(Object status, String message) {
        String[] s = status(status);
        String page = TEMPLATE.replace("%(status)s", escape(s[0])).replace("%(message)s",
                escape(message == null ? s[1] : message));
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("%\\((traceback|version)\\)s").matcher(page);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(page.substring(last, m.start())));
            regex.append(m.group(1).equals("traceback") ? "(.*)" : "[^\\n]*");
            last = m.end();
        }
        regex.append(Pattern.quote(page.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** CherryPy's {@code valid_status}: {@code {"404 Not Found", default message}}. */
    private static String[] status(Object status) {
        String text = String.valueOf(status).strip();
        int code;
        String reason;
        try {
            code = Integer.parseInt(text.length() > 3 ? text.substring(0, 3) : text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Illegal response status from server (" + PyRepr.of(status)
                    + " is non-numeric).");
        }
        reason = text.length() > 3 ? text.substring(3).strip() : HttpStatus.reason(code);
        return new String[] {code + " " + reason, HttpStatus.message(code)};
    }

    /** CherryPy's {@code escape_html}: {@code &}, {@code <}, {@code >}. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
