/**
 * Training loop helpers with PyTorch's update rules, step for step: the optimizers {@link org.jgrad.nn.optim.SGD},
 * {@link org.jgrad.nn.optim.Adam}, {@link org.jgrad.nn.optim.AdamW} and {@link org.jgrad.nn.optim.RMSprop}
 * with their saved state ({@link org.jgrad.nn.optim.OptimizerState}); learning-rate schedules
 * ({@link org.jgrad.nn.optim.LRScheduler} and its subclasses, {@link org.jgrad.nn.optim.SequentialLR},
 * {@link org.jgrad.nn.optim.ReduceLROnPlateau}); gradient clipping ({@link org.jgrad.nn.optim.GradClip}) and
 * {@link org.jgrad.nn.optim.EarlyStopping}.
 *
 * <pre>{@code
 * Adam opt = new Adam(model.parameters(), new Adam.Options().lr(1e-3));
 * LRScheduler schedule = new CosineAnnealingLR(opt, epochs, 0.0);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch b : loader) {
 *         opt.zeroGrad();
 *         model.forward(b.x()).mseLoss(b.y()).backward();
 *         GradClip.clipGradNorm(model.parameters(), 1.0);
 *         opt.step();
 *     }
 *     schedule.step();
 * }
 * }</pre>
 */
package org.jgrad.nn.optim;
