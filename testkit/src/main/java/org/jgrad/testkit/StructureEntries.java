package org.jgrad.testkit;

import static org.jgrad.core.DType.BOOL;
import static org.jgrad.core.DType.F32;
import static org.jgrad.core.DType.F64;
import static org.jgrad.core.DType.I32;
import static org.jgrad.core.DType.I64;

import java.util.List;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;

/**
 * Op entries that move or convert values without arithmetic: casts, copies, views (movement ops), and
 * joining. All compare exactly.
 */
final class StructureEntries {
    private StructureEntries() {
    }

    static List<CoreOp> all() {
        return List.of(
                CoreOp.builder("cast", OpKind.CAST).covers("to(DType)").dtypes(F32, F64, I32, I64, BOOL)
                        .domains(Domains.CAST).samples(MovementSamples.cast())
                        .call(OpCall.single(c -> c.in(0).to(c.sample().dtype("dtype"))))
                        .reference(HostMovement.cast()).build(),
                copy("copy", "copy()", OpCall.single(c -> c.in(0).copy()), HostMovement.identity()),
                copy("contiguous", "contiguous()", OpCall.single(c -> c.in(0).contiguous()), HostMovement.identity()),
                copy("flatten", "flatten()", OpCall.single(c -> c.in(0).flatten()), HostMovement.flatten()),

                movement("reshape", MovementSamples.reshape(),
                        OpCall.single(c -> c.in(0).reshape(c.ints("shape"))), HostMovement.reshape(), "reshape(int[])"),
                CoreOp.builder("viewAs", OpKind.MOVEMENT).covers("viewAs(int[])").dtypes(F32, F64, I64, BOOL)
                        .domains(Domains.GENERAL).samples(MovementSamples.reshape())
                        .call(OpCall.single(c -> c.in(0).viewAs(c.ints("shape")))).reference(HostMovement.reshape())
                        .skip(Check.LAYOUT_INVARIANCE, "by contract it fails on layouts that need a copy").build(),
                movement("permute", MovementSamples.permute(),
                        OpCall.single(c -> c.in(0).permute(c.ints("order"))), HostMovement.permute(), "permute(int[])"),
                movement("transpose", MovementSamples.transpose(),
                        OpCall.single(c -> c.in(0).transpose(c.integer("d0"), c.integer("d1"))), 
                        HostMovement.transpose(), "transpose(int,int)"),
                movement("expand", MovementSamples.expand(),
                        OpCall.single(c -> c.in(0).expand(c.ints("shape"))), HostMovement.expand(), "expand(int[])"),
                movement("broadcastTo", MovementSamples.broadcastTo(),
                        OpCall.single(c -> c.in(0).broadcastTo(Shape.of(c.ints("shape")))), 
                        HostMovement.broadcastTo(), "broadcastTo(Shape)"),
                movement("slice", MovementSamples.slice(),
                        OpCall.single(c -> c.in(0).slice(c.integer("dim"), c.integer("start"), c.integer("end"),
                                c.integer("step"))), HostMovement.slice(), "slice(int,int,int,int)"),
                movement("narrow", MovementSamples.narrow(),
                        OpCall.single(c -> c.in(0).narrow(c.integer("dim"), c.integer("start"), c.integer("length"))),
                        HostMovement.narrow(), "narrow(int,int,int)"),
                movement("select", MovementSamples.select(),
                        OpCall.single(c -> c.in(0).select(c.integer("dim"), c.integer("index"))),
                        HostMovement.select(), "select(int,int)"),
                movement("squeeze", MovementSamples.squeeze(),
                        OpCall.single(c -> c.text("form").equals("all") ? c.in(0).squeeze()
                                : c.in(0).squeeze(c.integer("dim"))), HostMovement.squeeze(), "squeeze()",
                        "squeeze(int)"),
                movement("unsqueeze", MovementSamples.unsqueeze(),
                        OpCall.single(c -> c.in(0).unsqueeze(c.integer("dim"))), HostMovement.unsqueeze(),
                        "unsqueeze(int)"),
                movement("flip", MovementSamples.flip(),
                        OpCall.single(c -> c.in(0).flip(c.ints("dims"))), HostMovement.flip(), "flip(int[])"),

                CoreOp.builder("concat", OpKind.JOINING).covers("concat(int,NDArray[])")
                        .dtypes(F32, F64, I32, I64, BOOL)
                        .domains(Domains.GENERAL_SPECIALS).samples(JoiningSamples.concat())
                        .call(OpCall.single(c -> NDArray.concat(c.integer("dim"), c.all())))
                        .reference(HostIndexing.concat()).build(),
                CoreOp.builder("stack", OpKind.JOINING).covers("stack(int,NDArray[])").dtypes(F32, F64, I32, I64, BOOL)
                        .domains(Domains.GENERAL_SPECIALS).samples(JoiningSamples.stack())
                        .call(OpCall.single(c -> NDArray.stack(c.integer("dim"), c.all())))
                        .reference(HostIndexing.stack()).build(),
                CoreOp.builder("split", OpKind.JOINING).covers("split(int,int)", "split(int[],int)")
                        .dtypes(F32, F64, I32, I64, BOOL).domains(Domains.GENERAL_SPECIALS)
                        .samples(JoiningSamples.split())
                        .call(c -> c.text("form").equals("size") ? c.in(0).split(c.integer("size"), c.integer("dim"))
                                : c.in(0).split(c.ints("sizes"), c.integer("dim")))
                        .reference(HostIndexing.split()).build());
    }

    private static CoreOp copy(String name, String covers, OpCall call, HostReference ref) {
        return CoreOp.builder(name, OpKind.COPY).covers(covers).dtypes(F32, F64, I32, I64, BOOL)
                .domains(Domains.GENERAL_SPECIALS).samples((sizes, doms) -> MovementSamples.anyData(sizes, doms))
                .call(call).reference(ref).build();
    }

    private static CoreOp movement(String name, SampleSpace space, OpCall call, HostReference ref, String... covers) {
        return CoreOp.builder(name, OpKind.MOVEMENT).covers(covers).dtypes(F32, F64, I64, BOOL)
                .domains(Domains.GENERAL_SPECIALS).samples(space).call(call).reference(ref).build();
    }
}
