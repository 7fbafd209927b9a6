package org.cerise.examples.tut11.tool.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * Tutorial 11's tool, {@code tools.discount}: the store's discount spree for one category of
 * customers. At {@code before_handler} (priority 50), a customer whose cookie
 * ({@code tools.discount.cookie}, {@code customer} by default) names the category
 * ({@code tools.discount.category}) gets the request attribute {@value #ATTRIBUTE}, the
 * percentage as an {@code Integer}, which the handler applies to its prices, and the response
 * header {@code X-Discount: 10% member}. Other customers pass untouched.
 *
 * <p>The arguments are checked once, when the app mounts; a request costs one cookie lookup
 * and one string comparison.
 */
@Component(service = Tool.class)
@CeriseTool(name = "discount")
public final class DiscountTool implements Tool {

    /** The request attribute that carries the discount, in percent, for the handler. */
    public static final String ATTRIBUTE = "discount.percent";
    /** The response header that tells the customer. */
    public static final String HEADER = "X-Discount";

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("category", "percent", "cookie");
        String category = setup.stringArg("category", null);
        if (category == null || category.isBlank()) {
            throw setup.badArg("category", "must name the category of customers who get the discount, e.g. 'member'");
        }
        long percent = setup.longArg("percent", 10);
        if (percent < 1 || percent > 100) {
            throw setup.badArg("percent", "must be a whole number of percent from 1 to 100");
        }
        String cookie = setup.stringArg("cookie", "customer");
        if (cookie.isEmpty()) {
            throw setup.badArg("cookie", "must name the cookie that says the customer's category, e.g. 'customer'");
        }
        Integer mark = (int) percent;
        String header = percent + "% " + category;
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, (request, response) -> {
            if (category.equals(request.cookie(cookie))) {
                request.setAttribute(ATTRIBUTE, mark);
                response.setHeader(HEADER, header);
            }
        });
    }
}
