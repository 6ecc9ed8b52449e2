package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.TestData;

/**
 * The workspace's buffers are sized from the layer widths and the capacity; a forward-only
 * workspace has no training buffers. (Dropout masks are {@link Dropout}'s, see
 * {@link DropoutTest}.)
 */
class WorkspaceTest {

  private static final Network NET = new Network(5, LayerSpec.parse("7,3", Activation.TANH), 4,
      new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));

  @Test
  void trainingBuffersAreSizedFromTheLayerWidths() {
    Workspace ws = new Workspace(NET, 6, true);
    assertEquals(6, ws.capacity());
    assertEquals(6 * 5, ws.activations(0).length);
    int[] widths = {7, 3, 4};
    for (int l = 0; l < 3; l++) {
      assertEquals(6 * widths[l], ws.activations(l + 1).length, "activations " + (l + 1));
      assertEquals(6 * widths[l], ws.preActivations(l).length, "pre-activations " + l);
      assertEquals(6 * widths[l], ws.deltas(l).length, "deltas " + l);
    }
    assertEquals(6 * 4, ws.targets().length);
    assertEquals(6, ws.weights().length);
    assertEquals(6, ws.rowLosses().length);
  }

  @Test
  void aForwardOnlyWorkspaceHasNoTrainingBuffers() {
    Workspace ws = new Workspace(NET, 2, false);
    assertEquals(2 * 4, ws.activations(3).length);
    for (int l = 0; l < 3; l++) {
      assertNull(ws.deltas(l));
    }
    assertNull(ws.targets());
    assertNull(ws.weights());
    assertNull(ws.rowLosses());
  }

  /**
   * A dense prediction workspace serves a network of the same widths and first-layer cut at the
   * same rows, whatever its weights; not another capacity, width, depth or cut, and no training
   * or sparse workspace.
   */
  @Test
  void aPredictionWorkspaceFitsNetworksOfItsShapeOnly() {
    Workspace ws = new Workspace(NET, 6, false);
    Network same = new Network(5, LayerSpec.parse("7,3", Activation.RELU), 4,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    assertTrue(ws.fitsPrediction(NET, 6));
    assertTrue(ws.fitsPrediction(same, 6));
    assertFalse(ws.fitsPrediction(NET, 5));
    assertFalse(ws.fitsPrediction(NET, 7));
    for (Network other : new Network[] {net(6, "7,3", 4), net(5, "8,3", 4), net(5, "7,3", 3),
        net(5, "7", 4), net(5, "7,3,2", 4)}) {
      assertFalse(ws.fitsPrediction(other, 6), other.toString());
    }
    assertFalse(new Workspace(NET, 6, true).fitsPrediction(NET, 6));
    assertFalse(new Workspace(NET, 6, false, 40).fitsPrediction(NET, 6));
    // 300 inputs are summed in two halves (FirstLayerLayout.SPLIT_MIN_INPUTS): the second
    // half's sums are a buffer of the workspace
    Network wide = net(300, "7", 4);
    assertTrue(new Workspace(wide, 6, false).fitsPrediction(wide, 6));
  }

  private static Network net(int inputs, String hidden, int outputs) {
    return new Network(inputs, LayerSpec.parse(hidden, Activation.TANH), outputs,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
  }

  /**
   * A training workspace for sparse input has the first layer's delta rows, one array of the
   * first layer's width per row of its capacity, made once; a dense or a prediction workspace
   * refuses, and a copy read back from its serialized form makes them anew.
   */
  @Test
  void firstDeltaRowsBelongToSparseTrainingWorkspaces() throws Exception {
    Workspace ws = new Workspace(NET, 6, true, 40);
    double[][] rows = ws.firstDeltaRows();
    assertEquals(6, rows.length);
    for (double[] r : rows) {
      assertEquals(7, r.length);
    }
    assertTrue(rows == ws.firstDeltaRows(), "made once");
    assertThrows(IllegalStateException.class, () -> new Workspace(NET, 6, true).firstDeltaRows());
    assertThrows(IllegalStateException.class,
        () -> new Workspace(NET, 6, false, 40).firstDeltaRows());
    assertEquals(7, TestData.roundTrip(ws).firstDeltaRows()[5].length);
  }

  /**
   * A first layer cut in two ({@link FirstLayerLayout#inputSplit}) gets a buffer for the second
   * half's partial sums, and only such a dense workspace takes an input batch in two blocks (where
   * each half's rows start and how far apart they are, by hand values); a narrow or sparse one has
   * neither.
   */
  @Test
  void inputBlocksNeedADenseBatchOfACutFirstLayer() {
    Network wide = new Network(300, LayerSpec.parse("7", Activation.TANH), 4,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    Workspace ws = new Workspace(wide, 6, true);
    assertEquals(6 * 7, ws.secondHalfSums().length);
    assertFalse(ws.inputInBlocks());
    // row-major: the halves are columns 0 and 152 of rows 300 apart
    assertEquals(0, ws.inputHalfOffset(0));
    assertEquals(152, ws.inputHalfOffset(1));
    assertEquals(300, ws.inputRowStride(1));
    ws.setInputInBlocks(true);
    assertTrue(ws.inputInBlocks());
    // in blocks: 6 rows of 152, then 6 rows of 148
    assertEquals(0, ws.inputHalfOffset(0));
    assertEquals(152, ws.inputRowStride(0));
    assertEquals(6 * 152, ws.inputHalfOffset(1));
    assertEquals(148, ws.inputRowStride(1));
    ws.setInputInBlocks(false);
    assertFalse(ws.inputInBlocks());
    Workspace narrow = new Workspace(NET, 6, true);
    assertNull(narrow.secondHalfSums());
    assertThrows(IllegalArgumentException.class, () -> narrow.setInputInBlocks(true));
    Workspace sparse = new Workspace(wide, 6, true, 100);
    assertNull(sparse.secondHalfSums());
    assertThrows(IllegalArgumentException.class, () -> sparse.setInputInBlocks(true));
    narrow.setInputInBlocks(false); // always allowed
  }
}
