package org.jgrad.examples.search;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.Generator;

/**
 * Short product descriptions generated from an item's category and attributes, like a shop's listing titles:
 * {@code "dark casual cotton tee by nordwave"}. The words are chosen so that text alone is informative but not
 * decisive, as in a real catalogue:
 * <ul>
 *   <li>each category has several nouns, and some nouns are shared ({@code top} for t-shirts, pullovers and
 *       shirts; {@code shoes} for sandals, sneakers and boots);</li>
 *   <li>styles and materials come mostly from pools that a group of categories shares (garments, footwear);</li>
 *   <li>a quarter of the descriptions name no noun at all, only those attributes;</li>
 *   <li>the tone ({@code dark}, {@code light}) comes from the image's mean intensity, so text and image agree
 *       on it; the brand is noise.</li>
 * </ul>
 *
 * <pre>{@code
 * Descriptions d = Descriptions.FASHION;
 * String text = d.describe(9, pixels, gen);   // e.g. "light winter leather booties by kestrel"
 * }</pre>
 *
 * @param categories category names, indexed by label
 * @param nouns      per category, the nouns a listing may use
 * @param materials  per category
 * @param styles     per category
 */
public record Descriptions(String[] categories, String[][] nouns, String[][] materials, String[][] styles) {
    private static final String[] BRANDS = {"nordwave", "kestrel", "aurelia", "bramble", "copperfield", "dunmore",
        "everly", "fjord", "granite", "halcyon", "ivory lane", "juniper"};
    /** Probability that a description names no noun. */
    private static final double NO_NOUN = 0.25;

    /** Fashion-MNIST's ten classes. */
    public static final Descriptions FASHION = fashion();

    /**
     * Styles and materials come mostly from pools shared by a group of categories (garments, footwear), with a
     * few words of the category's own: a listing without its noun is often ambiguous within its group.
     */
    private static Descriptions fashion() {
        String[] garmentStyles = {"casual", "classic", "long-sleeve", "short-sleeve", "crew-neck", "relaxed",
            "tailored", "summer", "winter", "cozy"};
        String[] garmentMaterials = {"cotton", "linen", "wool", "silk", "jersey", "denim"};
        String[] footwearStyles = {"casual", "summer", "winter", "classic", "flat", "lace-up", "sporty", "everyday"};
        String[] footwearMaterials = {"leather", "suede", "rubber", "canvas", "mesh"};
        return new Descriptions(
                new String[] {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                    "Bag", "Ankle boot"},
                new String[][] {{"t-shirt", "tee", "top"}, {"trousers", "pants", "chinos", "jeans"},
                    {"pullover", "sweater", "jumper", "top"}, {"dress", "gown", "frock"},
                    {"coat", "jacket", "parka", "overcoat"}, {"sandals", "sliders", "shoes"},
                    {"shirt", "blouse", "top"}, {"sneakers", "trainers", "shoes", "runners"},
                    {"bag", "handbag", "tote", "backpack"}, {"ankle boots", "boots", "booties", "shoes"}},
                new String[][] {with(garmentMaterials), with(garmentMaterials), with(garmentMaterials, "cashmere"),
                    with(garmentMaterials, "chiffon"), with(garmentMaterials, "down", "tweed"),
                    with(footwearMaterials), with(garmentMaterials, "flannel"), with(footwearMaterials),
                    {"leather", "canvas", "nylon", "suede"}, with(footwearMaterials)},
                new String[][] {with(garmentStyles, "graphic"), {"slim-fit", "straight", "relaxed", "tailored",
                    "casual", "classic"}, with(garmentStyles, "chunky", "knit"),
                    with(garmentStyles, "midi", "sleeveless", "evening"), with(garmentStyles, "warm", "hooded"),
                    with(footwearStyles, "open-toe", "strappy"), with(garmentStyles, "button-down", "collared"),
                    with(footwearStyles, "running", "low-top"), {"everyday", "travel", "shoulder", "compact",
                    "classic", "casual"}, with(footwearStyles, "chelsea", "heeled")});
    }

    private static String[] with(String[] shared, String... own) {
        String[] all = java.util.Arrays.copyOf(shared, shared.length + own.length);
        System.arraycopy(own, 0, all, shared.length, own.length);
        return all;
    }

    /** The project's drawn digits (used where Fashion-MNIST is not installed). */
    public static final Descriptions DIGITS = digits();

    private static Descriptions digits() {
        String[] names = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        String[][] nouns = new String[10][];
        String[][] materials = new String[10][];
        String[][] styles = new String[10][];
        for (int d = 0; d < 10; d++) {
            nouns[d] = new String[] {names[d], "digit " + names[d], "numeral"};
            materials[d] = new String[] {"ink", "pencil", "chalk"};
            styles[d] = new String[] {"bold", "thin", "slanted", d % 2 == 0 ? "even" : "odd"};
        }
        return new Descriptions(names, nouns, materials, styles);
    }

    /** The description of an item of {@code category} whose image is {@code pixels} (values in [0, 1]). */
    public String describe(int category, float[] pixels, Generator gen) {
        List<String> words = new ArrayList<>();
        words.add(tone(pixels));
        words.add(pick(styles[category], gen));
        words.add(pick(materials[category], gen));
        if (gen.nextDouble() >= NO_NOUN) {
            words.add(pick(nouns[category], gen));
        }
        words.add("by " + pick(BRANDS, gen));
        return String.join(" ", words);
    }

    /** "dark" or "light" from the mean intensity of the item's pixels (the ink, not the background). */
    static String tone(float[] pixels) {
        double sum = 0;
        int ink = 0;
        for (float p : pixels) {
            if (p > 0.05f) {
                sum += p;
                ink++;
            }
        }
        return ink > 0 && sum / ink < 0.5 ? "dark" : "light";
    }

    private static String pick(String[] options, Generator gen) {
        return options[(int) (gen.nextDouble() * options.length)];
    }
}
