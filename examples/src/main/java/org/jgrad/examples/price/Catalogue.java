package org.jgrad.examples.price;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.Generator;

/**
 * A product catalogue the project generates, so that a price model has something real to learn: each product's
 * title names a brand, a material, a category and a size, plus filler words, and its price is the category's
 * base price times the brand's, the material's and the size's factors, times a few interactions (leather boots,
 * the luxury brand's coats), times log-normal noise (sd 0.15). Words move the price; the interactions are what a
 * linear model misses; the noise bounds how well any model can do.
 *
 * <pre>{@code
 * List<Catalogue.Product> items = Catalogue.generate(50_000, new Generator(1));
 * }</pre>
 */
public final class Catalogue {
    record Factor(String word, double factor) {
    }

    static final Factor[] CATEGORIES = {
        new Factor("socks", 8), new Factor("tshirt", 18), new Factor("shirt", 35), new Factor("jeans", 60),
        new Factor("sweater", 70), new Factor("jacket", 140), new Factor("coat", 220), new Factor("boots", 120),
        new Factor("sneakers", 85), new Factor("scarf", 25), new Factor("hat", 22), new Factor("gloves", 20),
        new Factor("dress", 90), new Factor("skirt", 45), new Factor("backpack", 75),
    };
    static final Factor[] BRANDS = {
        new Factor("basico", 0.6), new Factor("everyday", 0.8), new Factor("northway", 1.0), new Factor("urbanite", 1.2),
        new Factor("alpina", 1.5), new Factor("maison", 2.5), new Factor("corvette", 1.1), new Factor("lumen", 0.9),
        new Factor("vantaggio", 3.5), new Factor("kestrel", 1.3), new Factor("oakmere", 1.8), new Factor("pebble", 0.7),
    };
    static final Factor[] MATERIALS = {
        new Factor("cotton", 1.0), new Factor("polyester", 0.8), new Factor("wool", 1.6), new Factor("cashmere", 3.0),
        new Factor("silk", 2.4), new Factor("leather", 2.2), new Factor("linen", 1.3), new Factor("denim", 1.1),
        new Factor("nylon", 0.9), new Factor("fleece", 1.05),
    };
    static final Factor[] SIZES = {
        new Factor("xs", 0.95), new Factor("small", 1.0), new Factor("medium", 1.0), new Factor("large", 1.05),
        new Factor("xl", 1.1), new Factor("xxl", 1.15),
    };
    static final String[] FILLER = {"classic", "comfortable", "stylish", "durable", "soft", "warm", "light",
        "everyday", "premium", "casual", "modern", "vintage", "slim", "relaxed", "fit", "black", "blue", "grey",
        "green", "red", "white", "brown", "navy", "striped", "plain", "for", "the", "with", "and", "a"};

    private Catalogue() {
    }

    /** One product: its title and its price. */
    public record Product(String title, double price) {
    }

    public static List<Product> generate(int count, Generator gen) {
        List<Product> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Factor cat = pick(CATEGORIES, gen);
            Factor brand = pick(BRANDS, gen);
            Factor material = pick(MATERIALS, gen);
            Factor size = pick(SIZES, gen);
            StringBuilder title = new StringBuilder(brand.word()).append(' ');
            int fillers = (int) (gen.nextDouble() * 4);
            for (int f = 0; f < fillers; f++) {
                title.append(FILLER[(int) (gen.nextDouble() * FILLER.length)]).append(' ');
            }
            title.append(material.word()).append(' ').append(cat.word()).append(", size ").append(size.word());
            double price = cat.factor() * brand.factor() * material.factor() * size.factor()
                    * interaction(cat.word(), brand.word(), material.word()) * Math.exp(0.15 * gen.nextGaussian());
            out.add(new Product(title.toString(), Math.round(price * 100) / 100.0));
        }
        return out;
    }

    /**
     * Words that matter together, which a model linear in the words cannot capture: leather boots, jackets and
     * backpacks are worth more than leather alone says; the luxury brand's dresses and coats even more so.
     */
    static double interaction(String category, String brand, String material) {
        double f = 1;
        if (material.equals("leather") && (category.equals("boots") || category.equals("jacket")
                || category.equals("backpack"))) {
            f *= 1.8;
        }
        if (brand.equals("vantaggio") && (category.equals("dress") || category.equals("coat"))) {
            f *= 2.0;
        }
        if (material.equals("cashmere") && !(category.equals("sweater") || category.equals("scarf")
                || category.equals("coat"))) {
            f *= 0.5;   // cashmere socks are a gimmick
        }
        return f;
    }

    private static Factor pick(Factor[] choices, Generator gen) {
        return choices[(int) (gen.nextDouble() * choices.length)];
    }
}
