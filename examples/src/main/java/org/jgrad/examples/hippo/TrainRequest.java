package org.jgrad.examples.hippo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The body of {@code POST /network/train}, validated: {@code {"epochs": 30, "mini_batch_size": 10,
 * "learning_rate": 3.0, "use_test_data": true}}; every field optional (the book's values by default).
 */
public record TrainRequest(int epochs, int miniBatchSize, double learningRate, boolean useTestData) {
    /** A request that cannot be served as sent; {@code field} names the culprit (null for the body as a whole). */
    public static final class Invalid extends Exception {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static TrainRequest parse(String body) throws Invalid {
        JsonObject o;
        try {
            JsonElement e = body == null || body.isBlank() ? new JsonObject() : JsonParser.parseString(body);
            if (!e.isJsonObject()) {
                throw new Invalid(null, "the body must be a JSON object, e.g. {\"epochs\": 30}");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Invalid(null, "the body is not valid JSON: " + e.getMessage());
        }
        for (String key : o.keySet()) {
            if (!key.equals("epochs") && !key.equals("mini_batch_size") && !key.equals("learning_rate")
                    && !key.equals("use_test_data")) {
                throw new Invalid(key, "unknown field '" + key + "' (expected epochs, mini_batch_size,"
                        + " learning_rate, use_test_data)");
            }
        }
        int epochs = integer(o, "epochs", 30, 1, 1000);
        int batch = integer(o, "mini_batch_size", 10, 1, 10_000);
        double lr = number(o, "learning_rate", 3.0);
        boolean test = bool(o, "use_test_data", true);
        return new TrainRequest(epochs, batch, lr, test);
    }

    private static JsonPrimitive primitive(JsonObject o, String field) throws Invalid {
        JsonElement e = o.get(field);
        if (!e.isJsonPrimitive()) {
            throw new Invalid(field, "'" + field + "' must be a " + (field.equals("use_test_data") ? "boolean" : "number")
                    + ", got " + e);
        }
        return e.getAsJsonPrimitive();
    }

    private static int integer(JsonObject o, String field, int dflt, int min, int max) throws Invalid {
        if (!o.has(field)) {
            return dflt;
        }
        JsonPrimitive p = primitive(o, field);
        if (!p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())) {
            throw new Invalid(field, "'" + field + "' must be a whole number, got " + p);
        }
        double v = p.getAsDouble();
        if (v < min || v > max) {
            throw new Invalid(field, "'" + field + "' must be in [" + min + ", " + max + "], got " + p);
        }
        return (int) v;
    }

    private static double number(JsonObject o, String field, double dflt) throws Invalid {
        if (!o.has(field)) {
            return dflt;
        }
        JsonPrimitive p = primitive(o, field);
        if (!p.isNumber() || !(p.getAsDouble() > 0) || Double.isInfinite(p.getAsDouble())) {
            throw new Invalid(field, "'" + field + "' must be a positive number, got " + p);
        }
        return p.getAsDouble();
    }

    private static boolean bool(JsonObject o, String field, boolean dflt) throws Invalid {
        if (!o.has(field)) {
            return dflt;
        }
        JsonPrimitive p = primitive(o, field);
        if (!p.isBoolean()) {
            throw new Invalid(field, "'" + field + "' must be true or false, got " + p);
        }
        return p.getAsBoolean();
    }
}
