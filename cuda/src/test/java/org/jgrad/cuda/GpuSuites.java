package org.jgrad.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the GPU checks where there is no Maven (the GPU machine has a JRE we carry, not a build): this module's
 * GPU tests, the testkit's differential suites subclassed for cuda, and the training checks, through the JUnit
 * launcher. Exits non-zero on any failure. (Where Maven is, {@code mvn -pl cuda test} runs the same classes.)
 *
 * <pre>{@code
 * java -cp <jars and test classes> org.jgrad.cuda.GpuSuites
 * java ... org.jgrad.cuda.GpuSuites org.jgrad.cuda.CudaBackendTest     // one class
 * }</pre>
 */
public final class GpuSuites {
    /** The suites that run on the backend under test, then this module's GPU tests. */
    static final List<String> DEFAULT = List.of(
            "org.jgrad.cuda.CudaBackendTest",
            "org.jgrad.cuda.CudaOptimizerKernelsTest",
            "org.jgrad.cuda.CudaBackendAgreementProperties",
            "org.jgrad.cuda.CudaLayoutInvarianceProperties",
            "org.jgrad.cuda.CudaBroadcastProperties",
            "org.jgrad.cuda.CudaReductionProperties",
            "org.jgrad.cuda.CudaGradFloat32Properties",
            "org.jgrad.cuda.TrainingOnGpuTest");

    private GpuSuites() {
    }

    public static void main(String[] args) {
        List<String> names = args.length > 0 ? List.of(args) : DEFAULT;
        List<ClassSelector> selectors = new ArrayList<>();
        for (String n : names) {
            selectors.add(selectClass(n));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 30);
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsFoundCount() > 0 ? 0 : 1);
    }
}
