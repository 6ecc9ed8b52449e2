package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Well19937cStream} draws exactly Commons Math's {@code Well19937c} numbers: every kind of
 * draw the engine makes (and the others), over several turns of the 624-word state, after each
 * way of seeding, and after a serialization round trip.
 */
class Well19937cStreamTest {

  /** Draws 5,000 mixed values from both and compares them bit for bit. */
  private static void assertSameDraws(RandomGenerator expected, RandomGenerator actual) {
    for (int i = 0; i < 5000; i++) {
      String at = "draw " + i;
      switch (i % 8) {
        case 0:
          assertEquals(expected.nextInt(1 + i % 97), actual.nextInt(1 + i % 97), at);
          break;
        case 1:
          assertEquals(expected.nextDouble(), actual.nextDouble(), 0.0, at);
          break;
        case 2:
          assertEquals(expected.nextGaussian(), actual.nextGaussian(), 0.0, at);
          break;
        case 3:
          assertEquals(expected.nextLong(), actual.nextLong(), at);
          break;
        case 4:
          assertEquals(expected.nextInt(), actual.nextInt(), at);
          break;
        case 5:
          assertEquals(expected.nextInt(1 << (i % 31)), actual.nextInt(1 << (i % 31)), at);
          break;
        case 6:
          assertEquals(expected.nextFloat(), actual.nextFloat(), 0.0f, at);
          break;
        default:
          assertEquals(expected.nextBoolean(), actual.nextBoolean(), at);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L})
  void drawsCommonsMathsNumbersForTheSameSeedWords(long z) {
    for (int purpose = Seeds.INIT; purpose <= Seeds.DROPOUT; purpose++) {
      int[] seed = {(int) z, (int) (z >>> 32), purpose};
      assertSameDraws(new Well19937c(seed), new Well19937cStream(seed));
    }
  }

  @Test
  void everyWayOfSeedingMatches() {
    int[] long624 = new int[700];
    for (int i = 0; i < long624.length; i++) {
      long624[i] = i * 0x9E3779B9;
    }
    int[][] seeds = {{7}, {1, 2}, long624};
    for (int[] seed : seeds) {
      assertSameDraws(new Well19937c(seed), new Well19937cStream(seed));
    }
    Well19937c a = new Well19937c(1);
    Well19937cStream b = new Well19937cStream(new int[] {1});
    a.nextGaussian();
    b.nextGaussian(); // leaves a cached deviate, which reseeding must drop
    a.setSeed(-5L);
    b.setSeed(-5L);
    assertSameDraws(a, b);
    a.setSeed(99);
    b.setSeed(99);
    assertSameDraws(a, b);
  }

  @Test
  void aStreamNeedsASeed() {
    assertThrows(IllegalArgumentException.class, () -> new Well19937cStream(null));
  }

  @Test
  void aSerializedStreamGoesOnWhereItStopped() throws Exception {
    Well19937cStream s = new Well19937cStream(new int[] {3, 4, 5});
    for (int i = 0; i < 1000; i++) {
      s.nextDouble();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    RandomGenerator copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RandomGenerator) in.readObject();
    }
    assertSameDraws(s, copy);
  }
}
