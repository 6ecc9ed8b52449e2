package weka.classifiers.functions.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of {@link TrainingBenchmark} measured: the trained models ({@link Run}), the heap
 * figures ({@link Memory}), the per-mini-batch step costs ({@link Steps}), the kernel table
 * ({@link KernelRow}), the load average before the run and the measured clock. The measurements
 * fill it in, {@link HarnessReport} reads it; a plain record of fields kept apart from both so
 * that neither the measuring nor the printing class has to hold the other's state.
 */
final class HarnessResults {

  Run mlp;
  Run sgd1;
  Run sgd2;
  Run small1;
  Run small2;
  Run full1;
  Run deep1;
  Run deep2;
  final List<KernelRow> kernelRows = new ArrayList<>();
  boolean kernelBitsMatch;
  Memory memFull;
  Memory memDeep;
  Steps stepsSmall;
  Steps stepsDeep;
  String loadBefore;
  double clockGhz;
  /** {@link MachinePeak#crossCoreRoundTripNanos} before and after the 784-64-10 rounds. */
  double roundTripBefore = Double.NaN;
  double roundTripAfter = Double.NaN;
  /**
   * The same before and after the two-thread 784-256-256-10 row: the VM's vCPUs can move between
   * cores that share a cache and cores that do not within seconds, and that row's epochs were
   * 1.65 s close together against 2.4-2.6 s far apart on the same code (bench/README.md, "A
   * hidden layer's delta summed by unit halves").
   */
  double deepRoundTripBefore = Double.NaN;
  double deepRoundTripAfter = Double.NaN;
  /**
   * {@link MachinePeak#stalls} just before the 784-64-10 rounds and just before the two-thread
   * 784-256-256-10 row: stalls a second per vCPU and the share of its time.
   */
  double[] stallsBefore = {Double.NaN, Double.NaN};
  double[] deepStallsBefore = {Double.NaN, Double.NaN};

  /** One trained model: training and prediction measurements. */
  static final class Run {
    String model;
    String optimizer;
    String net;
    int rows;
    int threads;
    long params;
    int batches;
    double initSeconds;
    final List<Double> epochSeconds = new ArrayList<>();
    final List<Double> epochCpu = new ArrayList<>();
    long maxEpochAlloc;
    long minEpochAlloc = Long.MAX_VALUE;
    int predictRows;
    double predictSeconds;
    double accuracy;
    double[][] predictions;
    /** s/epoch of the other round of the same configuration (NaN: measured once). */
    double otherRound = Double.NaN;
    /** Hypervisor steal during the timed epochs and during the timed predictions (CpuSteal). */
    double trainSteal = Double.NaN;
    double predictSteal = Double.NaN;

    double fasterRound() {
      return Double.isNaN(otherRound) ? secondsPerEpoch()
          : Math.min(secondsPerEpoch(), otherRound);
    }

    double slowerRound() {
      return Double.isNaN(otherRound) ? secondsPerEpoch()
          : Math.max(secondsPerEpoch(), otherRound);
    }

    double cpuPerEpoch() {
      return epochCpu.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double secondsPerEpoch() {
      return epochSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double cpuPerWall() {
      double cpu = epochCpu.stream().mapToDouble(Double::doubleValue).sum();
      double wall = epochSeconds.stream().mapToDouble(Double::doubleValue).sum();
      return cpu / wall;
    }

    double trainGflops() {
      return 6.0 * params * rows / secondsPerEpoch() / 1e9;
    }

    double rowsPerSecond() {
      return predictRows / predictSeconds;
    }

    double predictGflops() {
      return 2.0 * params * rowsPerSecond() / 1e9;
    }
  }

  /** Heap figures of one training run on the full set. */
  static final class Memory {
    String net;
    long maxHeap;
    long before;
    long retained;
    long peak;
    long encoded;
    long params;
  }

  /** Per-mini-batch cost of the steps outside the forward and backward passes. */
  static final class Steps {
    String net;
    String optimizer;
    int params;
    double penaltyUs;
    double optimizerUs;
    double normsUs;
    double clearUs;
    double batchUs;

    double outsideUs() {
      return penaltyUs + optimizerUs + normsUs + clearUs;
    }
  }

  /** One line of the kernel table. */
  static final class KernelRow {
    final String name;
    final int threads;
    final double gflops;

    KernelRow(String name, int threads, double gflops) {
      this.name = name;
      this.threads = threads;
      this.gflops = gflops;
    }
  }
}
