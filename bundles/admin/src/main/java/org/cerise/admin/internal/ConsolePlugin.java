package org.cerise.admin.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.cerise.api.runtime.RuntimeModel;
import org.owasp.encoder.Encode;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * A page of the Web Console's "Cerise" category: the console draws its frame and navigation (and
 * checks the admin's credentials through {@link ConsoleSecurityProvider}); the page adds one view
 * of the runtime model, computed per request from the model's snapshot.
 *
 * <p>A page with actions returns them from {@link #actions()} by name and renders forms with
 * {@link Forms}: every form posts to the page itself with the fields {@code action} and
 * {@code csrf}. This class checks the token (a missing or wrong one changes nothing and is
 * audited as refused), runs the action (which audits itself through {@link Actions}), and
 * redirects back to the page (303, so a reload does not repeat it) with the outcome shown above
 * the page. Adding an action to a page is one map entry and one {@code forms.button(...)}.
 */
abstract class ConsolePlugin extends AbstractServlet {

    /** The category of every Cerise page in the console's navigation. */
    static final String CATEGORY = "felix.webconsole.category=Cerise";
    private static final long serialVersionUID = 1L;

    private final transient Function<View, String> page;
    /**
     * The services every page uses, one reference declared here for all of them: bnd reads a
     * page component's annotations from this superclass too ({@code -dsannotations-options:
     * inherit} in the pom), and SCR sets the field of the superclass.
     */
    @Reference
    transient ConsoleSupport support;

    /** A read-only page. @param page the HTML from the model */
    ConsolePlugin(Function<RuntimeModel, String> page) {
        this.page = v -> page.apply(v.model());
    }

    /** A page of its own. @param page the HTML from the view; {@code marker} tells the constructors apart */
    ConsolePlugin(Function<View, String> page, boolean marker) {
        this.page = page;
    }

    /**
     * A page that draws itself by overriding {@link #render(View)}: for a page that needs a
     * service of its own (injected into the subclass, so not reachable from a constructor's lambda).
     */
    ConsolePlugin() {
        this.page = v -> {
            throw new IllegalStateException(getClass().getName() + " must override render(View)");
        };
    }

    /** @return the page's HTML (below the outcome of an action) */
    String render(View v) {
        return page.apply(v);
    }

    /** @return the shared services */
    ConsoleSupport support() {
        return support;
    }

    /** @return the actions the page's forms post, by name */
    Map<String, ConsoleAction> actions() {
        return Map.of();
    }

    /** An action run from a form. */
    interface ConsoleAction {
        /**
         * @param who    the user
         * @param params the form's fields
         * @return the outcome (audited by the action)
         */
        Actions.Result run(String who, Params params) throws IOException;
    }

    /** A form's fields, from a urlencoded or multipart body. */
    interface Params {
        /** @return the field's text, or {@code null} */
        String get(String name);

        /** @return an uploaded file's bytes, or {@code null} */
        byte[] file(String name) throws IOException;

        /** @return an uploaded file's name, or {@code null} */
        String fileName(String name);
    }

    /**
     * What a page renders from.
     *
     * @param model   the runtime model
     * @param actions the actions (read-only helpers such as overrides)
     * @param request the request (query parameters)
     * @param forms   makes the page's forms
     */
    record View(RuntimeModel model, Actions actions, HttpServletRequest request, Forms forms) {
    }

    /** Makes forms that post to this page with the action's name and the user's CSRF token. */
    static final class Forms {
        private final String action;
        private final String token;

        Forms(String action, String token) {
            this.action = action;
            this.token = token;
        }

        /** @return the opening tag and the hidden fields of a form for an action */
        String open(String name, boolean multipart, Map<String, String> hidden) {
            StringBuilder out = new StringBuilder("<form method=\"post\" action=\"").append(Encode.forHtmlAttribute(action))
                    .append("\" style=\"display:inline\"").append(multipart ? " enctype=\"multipart/form-data\"" : "")
                    .append(" data-action=\"").append(Encode.forHtmlAttribute(name)).append("\">")
                    .append("<input type=\"hidden\" name=\"action\" value=\"").append(Encode.forHtmlAttribute(name))
                    .append("\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Encode.forHtmlAttribute(token))
                    .append("\">");
            hidden.forEach((k, v) -> out.append("<input type=\"hidden\" name=\"").append(Encode.forHtmlAttribute(k))
                    .append("\" value=\"").append(Encode.forHtmlAttribute(v)).append("\">"));
            return out.toString();
        }

        /** @return a form of one button */
        String button(String name, String label, Map<String, String> hidden) {
            return open(name, false, hidden) + "<button type=\"submit\" class=\"ui-button\">" + Encode.forHtml(label)
                    + "</button></form>";
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleSupport s = support();
        String user = s.credentials.authenticate(request.getHeader("Authorization"));
        StringBuilder out = new StringBuilder();
        String status = request.getParameter("status");
        String message = request.getParameter("message");
        if (status != null && message != null) {
            boolean ok = status.startsWith("2");
            out.append("<p id=\"cerise-result\" class=\"").append(ok ? "ui-state-highlight" : "ui-state-error")
                    .append("\" style=\"padding:.5em\" data-status=\"").append(Encode.forHtmlAttribute(status)).append("\">")
                    .append(ok ? "Done: " : "Refused (" + Encode.forHtml(status) + "): ").append(Encode.forHtml(message))
                    .append("</p>");
        }
        Forms forms = new Forms(request.getRequestURI(), user == null ? "" : s.credentials.csrfToken(user));
        out.append(render(new View(s.model, s.actions, request, forms)));
        response.getWriter().write(out.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ConsoleSupport s = support();
        String user = s.credentials.authenticate(request.getHeader("Authorization"));
        Params params = params(request);
        String name = params.get("action");
        Actions.Result r;
        if (user == null) {
            r = new Actions.Result(401, "no valid credentials");
            Actions.audit("anonymous", "console " + name, r);
        } else if (!s.credentials.csrfValid(user, params.get("csrf"))) {
            r = new Actions.Result(403, "missing or wrong CSRF token: reload the page and try again");
            Actions.audit(user, "console " + name, r);
        } else {
            ConsoleAction action = name == null ? null : actions().get(name);
            if (action == null) {
                r = new Actions.Result(400, "this page has no action '" + name + "'; it has " + actions().keySet());
                Actions.audit(user, "console " + name, r);
            } else {
                r = action.run(user, params);
            }
        }
        String back = request.getRequestURI() + "?status=" + r.status() + "&message="
                + URLEncoder.encode(r.message(), StandardCharsets.UTF_8);
        String app = params.get("app");
        if (app != null) {
            back += "&app=" + URLEncoder.encode(app, StandardCharsets.UTF_8);
        }
        response.setStatus(303);
        response.setHeader("Location", back);
        response.setContentLength(0);
    }

    private static Params params(HttpServletRequest request) throws IOException, ServletException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            Map<String, Part> parts = new java.util.HashMap<>();
            for (Part p : request.getParts()) {
                parts.put(p.getName(), p);
            }
            return new Params() {
                @Override
                public String get(String n) {
                    Part p = parts.get(n);
                    if (p == null || p.getSubmittedFileName() != null) {
                        return null;
                    }
                    try (var in = p.getInputStream()) {
                        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return null;
                    }
                }

                @Override
                public byte[] file(String n) throws IOException {
                    Part p = parts.get(n);
                    if (p == null) {
                        return null;
                    }
                    try (var in = p.getInputStream()) {
                        return in.readNBytes(AdminApiServlet.MAX_UPLOAD + 1);
                    }
                }

                @Override
                public String fileName(String n) {
                    Part p = parts.get(n);
                    return p == null ? null : p.getSubmittedFileName();
                }
            };
        }
        return new Params() {
            @Override
            public String get(String n) {
                return request.getParameter(n);
            }

            @Override
            public byte[] file(String n) {
                return null;
            }

            @Override
            public String fileName(String n) {
                return null;
            }
        };
    }
}
