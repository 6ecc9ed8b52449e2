package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Learning-rate schedules: the documented value at the first, middle and last epoch of each
 * schedule, the linear warm-up ramp and its hand-over to the decay, and that after warm-up no
 * schedule ever increases the rate or lets it reach zero or go negative inside the run.
 */
class ScheduleTest {

  static final double ETA = 0.2;

  @Test
  void constant() {
    for (int e : new int[] {0, 50, 99}) {
      assertEquals(ETA, Schedule.CONSTANT.rate(ETA, e, 100, 0), 0.0);
    }
  }

  @Test
  void stepHalvesEveryQuarter() {
    // rate = η · 0.5^⌊4e/E⌋: halved after 25%, 50% and 75% of the epochs, never more
    assertEquals(ETA, Schedule.STEP.rate(ETA, 0, 100, 0), 0.0);
    assertEquals(ETA, Schedule.STEP.rate(ETA, 24, 100, 0), 0.0);
    assertEquals(ETA / 2, Schedule.STEP.rate(ETA, 25, 100, 0), 0.0);
    assertEquals(ETA / 4, Schedule.STEP.rate(ETA, 50, 100, 0), 0.0);
    assertEquals(ETA / 8, Schedule.STEP.rate(ETA, 99, 100, 0), 0.0);
    assertEquals(ETA / 8, Schedule.STEP.rate(ETA, 75, 100, 0), 0.0);
    assertEquals(ETA / 4, Schedule.STEP.rate(ETA, 2, 3, 0), 0.0);
    for (int epochs : new int[] {7, 10, 100}) {
      assertEquals(ETA / 8, Schedule.STEP.rate(ETA, epochs - 1, epochs, 0), 0.0,
          "three halvings at most, with " + epochs + " epochs");
    }
  }

  @Test
  void exponentialDecaysToOnePercent() {
    assertEquals(ETA, Schedule.EXPONENTIAL.rate(ETA, 0, 100, 0), 1e-15);
    assertEquals(ETA * 0.1, Schedule.EXPONENTIAL.rate(ETA, 50, 100, 0), 1e-15); // 0.01^½
    assertEquals(ETA * Math.pow(0.01, 0.99), Schedule.EXPONENTIAL.rate(ETA, 99, 100, 0), 1e-15);
    assertEquals(ETA * 0.01, Schedule.EXPONENTIAL.rate(ETA, 100, 100, 0), 1e-15);
  }

  @Test
  void cosineAnnealsToZero() {
    assertEquals(ETA, Schedule.COSINE.rate(ETA, 0, 100, 0), 1e-15);
    assertEquals(ETA / 2, Schedule.COSINE.rate(ETA, 50, 100, 0), 1e-15);
    // ½ (1 + cos(π·99/100)) = ½ (1 − cos(π/100))
    assertEquals(ETA * 0.5 * (1 - Math.cos(Math.PI / 100)),
        Schedule.COSINE.rate(ETA, 99, 100, 0), 1e-15);
    assertEquals(0, Schedule.COSINE.rate(ETA, 100, 100, 0), 1e-15);
  }

  @ParameterizedTest(name = "{0} with warm-up")
  @EnumSource(Schedule.class)
  void warmupRampsLinearlyThenHandsOver(Schedule s) {
    int w = 4;
    int epochs = 104;
    // during warm-up: η (e + 1) / (W + 1) = η/5, 2η/5, 3η/5, 4η/5
    for (int e = 0; e < w; e++) {
      assertEquals(ETA * (e + 1) / 5, s.rate(ETA, e, epochs, w), 1e-15, "epoch " + e);
    }
    // the decay then starts from the full rate and runs over the remaining E − W = 100 epochs
    assertEquals(ETA, s.rate(ETA, w, epochs, w), 1e-15);
    assertEquals(s.rate(ETA, 50, 100, 0), s.rate(ETA, w + 50, epochs, w), 1e-15);
    assertEquals(s.rate(ETA, 99, 100, 0), s.rate(ETA, epochs - 1, epochs, w), 1e-15);
  }

  @ParameterizedTest(name = "{0} is positive and non-increasing after warm-up")
  @EnumSource(Schedule.class)
  void monotoneAfterWarmup(Schedule s) {
    for (int epochs : new int[] {1, 2, 3, 7, 10, 101}) {
      for (int w : new int[] {0, 3}) {
        double prev = Double.POSITIVE_INFINITY;
        for (int e = w; e < epochs; e++) {
          double r = s.rate(ETA, e, epochs, w);
          assertTrue(r > 0 && r <= ETA, s + " E=" + epochs + " W=" + w + " e=" + e + ": " + r);
          assertTrue(r <= prev, s + " increases at epoch " + e);
          prev = r;
        }
      }
    }
  }
}
