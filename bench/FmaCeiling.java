import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double-precision multiply-add throughput one core really delivers at the JVM's widest
 * vectors: twelve independent chains of fused multiply-adds on {@code DoubleVector}s of the
 * preferred species (the width {@code MaxVectorSize} allows), kept in registers, no memory
 * touched. Twelve chains cover two FMA units of four cycles' latency with room to spare; the best
 * of twenty rounds of 0.1 s is printed as {@code ceiling <GFLOP/s> lanes <n>}.
 *
 * <p>Why measure it: the harness's theoretical peak multiplies the flops per cycle by the clock
 * of a scalar add-and-xor chain, but some cores lower their clock while they run wide vector
 * instructions (bench/README.md, "The Intel host again"), so the nominal peak may be out of any
 * program's reach. bench/run.sh runs this before the harness and passes the figure in
 * {@code -Dbench.fmaCeiling}; the harness prints the kernel's share of both. The targets are
 * still judged against the nominal peak.
 *
 * <pre>java --add-modules jdk.incubator.vector bench/FmaCeiling.java</pre>
 */
public class FmaCeiling {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  // Twelve locals rather than an array of twelve: C2 keeps each local in a vector register,
  // where an array's elements would be loaded and stored every step.
  private static double chains(long steps) {
    DoubleVector a = DoubleVector.broadcast(S, 0.999_999);
    DoubleVector b = DoubleVector.broadcast(S, 1e-9);
    DoubleVector c0 = DoubleVector.broadcast(S, 0);
    DoubleVector c1 = DoubleVector.broadcast(S, 1);
    DoubleVector c2 = DoubleVector.broadcast(S, 2);
    DoubleVector c3 = DoubleVector.broadcast(S, 3);
    DoubleVector c4 = DoubleVector.broadcast(S, 4);
    DoubleVector c5 = DoubleVector.broadcast(S, 5);
    DoubleVector c6 = DoubleVector.broadcast(S, 6);
    DoubleVector c7 = DoubleVector.broadcast(S, 7);
    DoubleVector c8 = DoubleVector.broadcast(S, 8);
    DoubleVector c9 = DoubleVector.broadcast(S, 9);
    DoubleVector c10 = DoubleVector.broadcast(S, 10);
    DoubleVector c11 = DoubleVector.broadcast(S, 11);
    for (long i = 0; i < steps; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
      c8 = c8.fma(a, b);
      c9 = c9.fma(a, b);
      c10 = c10.fma(a, b);
      c11 = c11.fma(a, b);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
        .add(c11).reduceLanes(VectorOperators.ADD);
  }

  public static void main(String[] args) {
    double sink = 0;
    for (int w = 0; w < 20; w++) {
      sink += chains(100_000); // until C2 has compiled the loop with vector registers
    }
    double best = 0;
    for (int round = 0; round < 20; round++) {
      long steps = 0;
      long t0 = System.nanoTime();
      long t;
      do {
        sink += chains(1_000_000);
        steps += 1_000_000;
        t = System.nanoTime() - t0;
      } while (t < 100_000_000L);
      best = Math.max(best, 12.0 * 2 * S.length() * steps / t);
    }
    System.out.printf(Locale.ROOT, "ceiling %.1f lanes %d (checksum %.3f)%n", best, S.length(),
        sink);
  }
}
