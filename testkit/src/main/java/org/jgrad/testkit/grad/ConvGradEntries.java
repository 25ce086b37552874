package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.GradOps.f64;

import java.util.List;

/** Entries of padding, sliding windows, convolution and pooling (all composites over slices and matmul). */
final class ConvGradEntries {
    private static final int[] ONE = {1};
    private static final int[] ZERO = {0};

    private ConvGradEntries() {
    }

    static List<GradOp> all() {
        return List.of(
                GradOp.builder("pad").covers("pad(int[],double)").domains(GradDomains.GENERAL)
                        .samples(ConvSamples.pad())
                        .call(GradCall.single(c -> c.in(0).pad(c.ints("padding"), c.number("value"))))
                        .reference(ConvRefs.pad())
                        .error("odd number of padding values", () -> f64(2, 3).pad(new int[] {1}, 0))
                        .error("more pairs than dims", () -> f64(3).pad(new int[] {1, 1, 1, 1}, 0))
                        .error("negative padding", () -> f64(2, 3).pad(new int[] {-1, 0}, 0)).build(),
                GradOp.builder("unfold").covers("unfold(int[],int[],int[],int[])").domains(GradDomains.GENERAL)
                        .samples(ConvSamples.unfold())
                        .call(GradCall.single(c -> c.in(0).unfold(c.ints("kernel"), c.ints("dilation"),
                                c.ints("padding"), c.ints("stride"))))
                        .reference(ConvRefs.unfold())
                        .error("input of rank 3", () -> f64(1, 3, 3).unfold(new int[] {2}, ONE, ZERO, ONE))
                        .error("kernel larger than the input", () -> f64(1, 1, 2, 2).unfold(new int[] {3}, ONE, ZERO,
                                ONE))
                        .error("stride 0", () -> f64(1, 1, 3, 3).unfold(new int[] {2}, ONE, ZERO, ZERO)).build(),
                GradOp.builder("conv2d").covers("conv2d(Tensor,Tensor,int[],int[],int[])")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL).samples(ConvSamples.conv2d())
                        .call(GradCall.single(c -> c.in(0).conv2d(c.in(1), c.optional(2), c.ints("stride"),
                                c.ints("padding"), c.ints("dilation"))))
                        .reference(ConvRefs.conv2d())
                        .error("input channels differ from the weight's",
                                () -> f64(1, 2, 3, 3).conv2d(f64(1, 3, 2, 2), null, ONE, ZERO, ONE))
                        .error("weight of rank 3", () -> f64(1, 2, 3, 3).conv2d(f64(1, 2, 2), null, ONE, ZERO, ONE))
                        .error("bias of the wrong size",
                                () -> f64(1, 2, 3, 3).conv2d(f64(4, 2, 2, 2), f64(3), ONE, ZERO, ONE))
                        .error("padding of three values",
                                () -> f64(1, 2, 3, 3).conv2d(f64(4, 2, 2, 2), null, ONE, new int[] {1, 1, 1}, ONE))
                        .build(),
                // Distinct values and no expanded views (which repeat one value): ties would make the max non-differentiable.
                GradOp.builder("maxPool2d").covers("maxPool2d(int[],int[],int[])").domains(GradDomains.GENERAL)
                        .samples(ConvSamples.maxPool2d()).noExpandedViews()
                        .call(GradCall.single(c -> c.in(0).maxPool2d(c.ints("kernel"), c.ints("stride"),
                                c.ints("padding"))))
                        .reference(ConvRefs.maxPool2d())
                        .error("padding more than half the kernel",
                                () -> f64(1, 1, 4, 4).maxPool2d(new int[] {2}, new int[] {2}, new int[] {2}))
                        .error("input of rank 2", () -> f64(4, 4).maxPool2d(new int[] {2}, new int[] {2}, ZERO))
                        .build());
    }
}
