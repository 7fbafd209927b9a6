package org.cerise.examples.tut11;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.examples.tut11.stock.Stock;

/**
 * One till: it takes the basket (the query or form parameters, {@code apples=3&bread=2}) off the
 * shelves and prints the receipt, with the discount the {@code discount} tool granted, if any.
 * It does not know how the customer got here: that was the till dispatcher's choice.
 */
public class Till {

    /** The request attribute the discount tool sets, in percent (an {@code Integer}). */
    static final String DISCOUNT = "discount.percent";

    /** The store's prices, per item. */
    static final Map<String, BigDecimal> PRICES = Map.of("apples", new BigDecimal("0.50"), "bread",
            new BigDecimal("1.20"), "milk", new BigDecimal("0.90"));

    private final String name;
    private final Stock stock;

    Till(String name, Stock stock) {
        this.name = name;
        this.stock = stock;
    }

    /**
     * @param basket   item name to quantity
     * @param request  the request, for the discount
     * @param response the response
     * @return the receipt
     */
    @Expose
    public String index(Map<String, String> basket, Request request, Response response) {
        response.setHeader("Content-Type", "text/plain;charset=utf-8");
        Map<String, Integer> levels = stock.levels();
        if (levels.isEmpty()) {
            throw new HttpError(503, "The store is closed: the stock crew is not at work.");
        }
        // check the whole basket before taking anything, so a bad line sells nothing
        Map<String, Integer> wanted = new TreeMap<>();
        for (Map.Entry<String, String> line : basket.entrySet()) {
            if (!PRICES.containsKey(line.getKey()) || !levels.containsKey(line.getKey())) {
                throw new HttpError(404, "We do not sell '" + line.getKey() + "'.");
            }
            int quantity;
            try {
                quantity = Integer.parseInt(line.getValue());
            } catch (NumberFormatException e) {
                quantity = -1;
            }
            if (quantity < 0) {
                throw new HttpError(400, "'" + line.getValue() + "' is not a number of " + line.getKey() + ".");
            }
            wanted.put(line.getKey(), quantity);
        }
        StringBuilder receipt = new StringBuilder(name).append('\n');
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<String, Integer> line : wanted.entrySet()) {
            int taken = stock.take(line.getKey(), line.getValue());
            BigDecimal price = PRICES.get(line.getKey());
            BigDecimal amount = price.multiply(BigDecimal.valueOf(taken));
            total = total.add(amount);
            receipt.append(line.getKey()).append(": ").append(taken);
            if (taken < line.getValue()) {
                receipt.append(" of ").append(line.getValue()).append(" (no more on the shelf)");
            }
            receipt.append(" x ").append(price).append(" = ").append(amount).append('\n');
        }
        receipt.append("Total: ").append(total).append('\n');
        Object percent = request.attribute(DISCOUNT);
        if (percent instanceof Integer) {
            BigDecimal off = total.multiply(BigDecimal.valueOf((Integer) percent)).divide(BigDecimal.valueOf(100), 2,
                    RoundingMode.HALF_EVEN);
            receipt.append("Member discount ").append(percent).append("%: -").append(off).append('\n');
            total = total.subtract(off);
        }
        return receipt.append("To pay: ").append(total).append('\n').toString();
    }
}
