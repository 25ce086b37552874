package org.jgrad.nn.io;

import java.util.Set;
import org.jgrad.core.DType;

/** The names safetensors gives element types, and which of them jgrad can hold. */
final class SafetensorsDtypes {
    /** Every dtype name the reference implementation knows, so that a file using one gets a precise error. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "U8", "I8", "I16", "U16", "U32", "U64", "F16", "BF16", "C64",
            "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4");

    static final String SUPPORTED = "F32, F64, I32, I64, BOOL";

    private SafetensorsDtypes() {
    }

    static String nameOf(DType dtype) {
        return switch (dtype) {
            case F32 -> "F32";
            case F64 -> "F64";
            case I32 -> "I32";
            case I64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    /** The jgrad dtype stored as {@code name}, or a message saying why there is none. */
    static DType fromName(String name, String source, String tensor) throws CheckpointFormatException {
        switch (name) {
            case "F32":
                return DType.F32;
            case "F64":
                return DType.F64;
            case "I32":
                return DType.I32;
            case "I64":
                return DType.I64;
            case "BOOL":
                return DType.BOOL;
            default:
                String what = KNOWN_UNSUPPORTED.contains(name)
                        ? "dtype " + name + " is not supported by jgrad"
                        : "unknown dtype " + CheckpointFormatException.quote(name);
                throw new CheckpointFormatException(source, "tensor " + CheckpointFormatException.quote(tensor) + ": " + what
                        + " (jgrad reads " + SUPPORTED + "; convert the tensor before saving, e.g. "
                        + "tensor.float() in PyTorch)");
        }
    }
}
