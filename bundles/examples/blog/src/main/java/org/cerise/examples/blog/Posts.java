package org.cerise.examples.blog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cerise.api.HttpRedirect;
import org.cerise.api.NotFound;
import org.cerise.api.Request;

/**
 * The blog's controller: its public methods are the routes' actions (not {@code @Expose}d:
 * only the routes reach them, as in CherryPy). The posts are fixed; comments are kept in
 * memory until the bundle stops.
 */
public class Posts {

    /** A post. */
    record Post(String year, String month, String slug, String title, String body) {
        String path() {
            return "/" + year + "/" + month + "/" + slug;
        }
    }

    private static final List<Post> POSTS = List.of(
            new Post("2024", "05", "hello-world", "Hello, world", "The first post."),
            new Post("2024", "05", "routes", "Routes in Cerise", "URLs from templates, as CherryPy's RoutesDispatcher."),
            new Post("2024", "06", "summer", "Summer", "Nothing happened."));

    private final Map<String, List<String>> comments = new ConcurrentHashMap<>();

    /** @return every post, newest month last, linked */
    public String index(Request request) {
        StringBuilder sb = new StringBuilder("<h1>Blog</h1>\n<ul>\n");
        for (Post p : POSTS) {
            item(sb, request, p);
        }
        return sb.append("</ul>\n").toString();
    }

    /**
     * @param year  four digits (the route's requirement)
     * @param month two digits
     * @return the month's posts
     */
    public String month(String year, String month, Request request) {
        StringBuilder sb = new StringBuilder("<h1>Posts of " + year + "-" + month + "</h1>\n<ul>\n");
        int n = 0;
        for (Post p : POSTS) {
            if (p.year.equals(year) && p.month.equals(month)) {
                item(sb, request, p);
                n++;
            }
        }
        if (n == 0) {
            sb.append("<li>No posts.</li>\n");
        }
        return sb.append("</ul>\n").toString();
    }

    /** @return the post and its comments; 404 for no such post */
    public String show(String year, String month, String slug) {
        Post p = find(year, month, slug);
        StringBuilder sb = new StringBuilder("<h1>" + p.title + "</h1>\n<p>" + p.body + "</p>\n<h2>Comments</h2>\n<ul>\n");
        for (String c : comments.getOrDefault(p.path(), List.of())) {
            sb.append("<li>").append(escape(c)).append("</li>\n");
        }
        return sb.append("</ul>\n<form method=\"post\" action=\"").append(slug)
                .append("\"><input name=\"text\"/><button>Comment</button></form>\n").toString();
    }

    /**
     * POST only (the route's method condition): adds a comment, then sends the browser back to
     * the post with a 303, as {@code raise cherrypy.HTTPRedirect(url, 303)} does.
     */
    public void comment(String year, String month, String slug, String text, Request request) {
        Post p = find(year, month, slug);
        comments.computeIfAbsent(p.path(), k -> new CopyOnWriteArrayList<>()).add(text);
        throw new HttpRedirect(request.scriptName() + p.path(), 303);
    }

    private static Post find(String year, String month, String slug) {
        for (Post p : POSTS) {
            if (p.year.equals(year) && p.month.equals(month) && p.slug.equals(slug)) {
                return p;
            }
        }
        throw new NotFound();
    }

    private static void item(StringBuilder sb, Request request, Post p) {
        sb.append("<li><a href=\"").append(request.scriptName()).append(p.path()).append("\">").append(p.title)
                .append("</a></li>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
