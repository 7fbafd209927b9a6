package org.cerise.examples.tut11.dispatcher.internal;

import org.cerise.api.Request;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;

/**
 * Leads each request below the queue to its till, then lets the tree dispatcher walk the
 * rewritten path. The till's name goes before the rest of the path, so a customer who asks for
 * {@code /checkout/regular/} directly is led to {@code /checkout/express/regular/} (404): no
 * one jumps the queue.
 */
final class TillRouter implements Router {

    private final Router tree;
    private final String queue;
    private final long expressLimit;
    private final String cardCookie;

    TillRouter(Router tree, TillSettings settings) {
        this.tree = tree;
        this.queue = settings.queue;
        this.expressLimit = settings.expressLimit;
        this.cardCookie = settings.cardCookie;
    }

    @Override
    public Route route(String pathInfo, Request request) {
        if (request == null || !pathInfo.startsWith(queue)
                || pathInfo.length() > queue.length() && pathInfo.charAt(queue.length()) != '/') {
            return tree.route(pathInfo, request);
        }
        return tree.route(queue + "/" + tillFor(request) + pathInfo.substring(queue.length()), request);
    }

    /** Express for a small basket, card for a store card, regular for everyone else. */
    String tillFor(Request request) {
        if (basket(request.queryString()) < expressLimit) {
            return "express";
        }
        String card = request.cookie(cardCookie);
        if (card != null && !card.isEmpty()) {
            return "card";
        }
        return "regular";
    }

    /**
     * The number of items in the basket: the sum of the query string's values that are whole
     * numbers ({@code apples=3&bread=2} is 5). Anything else counts for nothing here; the till
     * itself refuses it. A walk over the characters, without allocating.
     */
    static long basket(String query) {
        long items = 0;
        long value = 0;
        boolean inValue = false;
        boolean digits = false;
        for (int i = 0, n = query.length(); i <= n; i++) {
            char c = i < n ? query.charAt(i) : '&';
            if (c == '&' || c == ';') {
                if (inValue && digits) {
                    items += value;
                }
                value = 0;
                inValue = false;
                digits = false;
            } else if (c == '=' && !inValue) {
                inValue = true;
                digits = true;
            } else if (inValue && digits) {
                if (c >= '0' && c <= '9') {
                    // capped: a silly number still means a big basket, never an overflow
                    value = Math.min(value * 10 + (c - '0'), 1_000_000);
                } else {
                    digits = false; // not a whole number: the till refuses it
                }
            }
        }
        return items;
    }
}
