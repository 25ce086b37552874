package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One GPU opened through the CUDA driver API: its primary context, our kernels' module (the committed PTX)
 * and what the device says about itself.
 *
 * <p>Threads: the context is the device's primary context, which any thread may use; {@link #makeCurrent()}
 * binds it to the calling thread once (every backend call does it first). Work from several threads goes to
 * the same stream in the order the calls reach the driver, so results stay correct, but running one model from
 * several threads at once is not supported: give each thread its own tensors.
 *
 * <pre>{@code
 * CudaDevice gpu = CudaDevice.open(0);
 * System.out.println(gpu.name() + ", compute capability " + gpu.computeCapability());
 * }</pre>
 */
public final class CudaDevice {
    /** System property: a PTX file to load instead of the committed resource (for kernel development). */
    public static final String PTX_PROPERTY = "jgrad.cuda.ptx";
    /** System property: the device ordinal (default 0). */
    public static final String DEVICE_PROPERTY = "jgrad.cuda.device";
    static final String PTX_RESOURCE = "/org/jgrad/cuda/jgrad_kernels.ptx";

    private final int ordinal;
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    private final String name;
    private final int driverVersion;
    private final String ptxVersion;
    private final long totalMemory;
    private final int multiprocessors;

    private CudaDevice(int ordinal) {
        this.ordinal = ordinal;
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        int[] count = {0};
        cuDeviceGetCount(count);
        if (ordinal >= count[0]) {
            throw new IllegalStateException("cuda: device " + ordinal + " asked for, but the driver sees " + count[0]
                    + " device(s)");
        }
        cuDeviceGet(device, ordinal);
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        current.set(true);
        int[] v = {0};
        cuDriverGetVersion(v);
        this.driverVersion = v[0];
        byte[] nameBytes = new byte[256];
        cuDeviceGetName(nameBytes, nameBytes.length, device);
        this.name = new String(nameBytes, StandardCharsets.US_ASCII).trim().replace("\0", "");
        long[] total = {0};
        cuDeviceTotalMem(total, device);
        this.totalMemory = total[0];
        this.multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        String ptx = loadPtx();
        this.ptxVersion = ptxIsa(ptx);
        try {
            cuModuleLoadData(module, (ptx + "\0").getBytes(StandardCharsets.US_ASCII));
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: the driver (CUDA " + versionString(driverVersion) + ") rejected our"
                    + " kernels (PTX ISA " + ptxVersion + "): " + e.getMessage() + "; a driver older than the PTX"
                    + " needs updating (PTX ISA 9.0 needs a CUDA 13 driver)", e);
        }
    }

    /** Opens device {@code ordinal} (inits the driver; loads the kernels). */
    public static CudaDevice open(int ordinal) {
        return new CudaDevice(ordinal);
    }

    /** The device named by {@value #DEVICE_PROPERTY}, default 0. */
    public static CudaDevice openDefault() {
        return open(Integer.getInteger(DEVICE_PROPERTY, 0));
    }

    /** Binds the context to the calling thread (once per thread). */
    void makeCurrent() {
        if (!current.get()) {
            cuCtxSetCurrent(context);
            current.set(true);
        }
    }

    /** A kernel of our module by name, e.g. {@code unary_exp_f32}. */
    CUfunction function(String kernel) {
        return functions.computeIfAbsent(kernel, k -> {
            CUfunction f = new CUfunction();
            try {
                cuModuleGetFunction(f, module, k);
            } catch (CudaException e) {
                throw new IllegalStateException("cuda: kernel " + k + " is not in the loaded PTX (" + e.getMessage()
                        + "); rebuild it with cuda/build-ptx.sh", e);
            }
            return f;
        });
    }

    /** The device's name, e.g. {@code NVIDIA H200}. */
    public String name() {
        return name;
    }

    public int ordinal() {
        return ordinal;
    }

    /** E.g. {@code 9.0}. */
    public String computeCapability() {
        return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) + "."
                + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    }

    /** The driver's CUDA version as {@code cuDriverGetVersion} gives it, e.g. 13000. */
    public int driverVersion() {
        return driverVersion;
    }

    /** The PTX ISA version of the loaded kernels, e.g. {@code 9.0}. */
    public String ptxVersion() {
        return ptxVersion;
    }

    public long totalMemory() {
        return totalMemory;
    }

    /** A device attribute ({@link CUdevice_attribute}). */
    public int attribute(int attribute) {
        int[] v = {0};
        cuDeviceGetAttribute(v, attribute, device);
        return v[0];
    }

    /** The number of streaming multiprocessors. */
    public int multiprocessors() {
        return multiprocessors;
    }

    /** The peak SM clock in kHz, as the driver reports it (0 where the driver no longer does). */
    public int clockKHz() {
        return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
    }

    /** The peak memory clock in kHz (0 where the driver no longer reports it). */
    public int memoryClockKHz() {
        return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
    }

    /** The memory bus width in bits. */
    public int memoryBusBits() {
        return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
    }

    /** E.g. {@code 13.0} for 13000. */
    public static String versionString(int cudaVersion) {
        return (cudaVersion / 1000) + "." + (cudaVersion % 1000 / 10);
    }

    /** The {@code .version} line of a PTX text. */
    static String ptxIsa(String ptx) {
        Matcher m = Pattern.compile("(?m)^\\s*\\.version\\s+(\\S+)").matcher(ptx);
        return m.find() ? m.group(1) : "unknown";
    }

    static String loadPtx() {
        String override = System.getProperty(PTX_PROPERTY);
        try {
            if (override != null && !override.isBlank()) {
                return Files.readString(Path.of(override), StandardCharsets.US_ASCII);
            }
            try (InputStream in = CudaDevice.class.getResourceAsStream(PTX_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("cuda: the kernels' PTX (" + PTX_RESOURCE + ") is missing from the"
                            + " jar; build it with cuda/build-ptx.sh");
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cuda: cannot read the kernels' PTX: " + e.getMessage(), e);
        }
    }

    /** A driver error code as its name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    static String errorName(int code) {
        return CUresult.stringFor(code);
    }
}
