package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instances;

/**
 * An untrained {@link BackpropMLP} is serialized as its options ({@link OptionsForm}) and read
 * back as a classifier with the same options that trains the same model; a trained one keeps
 * its full form; options a classifier refuses make the stream unreadable, with the reason.
 */
class OptionsFormTest {

  private static final String[] OPTIONS = {"-hidden", "7,5", "-activation", "TANH", "-epochs",
      "4", "-l2", "0.001", "-dropout", "0.1", "-normalize", "MINMAX", "-seed", "9", "-threads",
      "1", "-batch-size", "64", "-num-decimal-places", "3"};

  @Test
  void anUntrainedCopyKeepsEveryOptionAndTrainsTheSameModel() throws Exception {
    BackpropMLP original = new BackpropMLP();
    original.setOptions(OPTIONS.clone());
    byte[] bytes = serialize(original);
    assertTrue(bytes.length < 1000, "the options alone: " + bytes.length + " bytes");
    BackpropMLP copy = (BackpropMLP) deserialize(bytes);
    assertArrayEquals(original.getOptions(), copy.getOptions());
    BackpropMLP viaWeka = (BackpropMLP) AbstractClassifier.makeCopy(original);
    assertArrayEquals(original.getOptions(), viaWeka.getOptions());
    Instances iris = TestData.load("iris");
    original.buildClassifier(iris);
    copy.buildClassifier(iris);
    assertArrayEquals(original.getModelView().parameters(), copy.getModelView().parameters(),
        0.0);
  }

  @Test
  void aTrainedClassifierKeepsItsFullForm() throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "2", "-seed", "4"});
    Instances iris = TestData.load("iris");
    m.buildClassifier(iris);
    BackpropMLP read = (BackpropMLP) deserialize(serialize(m));
    assertArrayEquals(m.getModelView().parameters(), read.getModelView().parameters(), 0.0);
    assertEquals(m.toString(), read.toString());
  }

  @Test
  void refusedOptionsMakeTheStreamUnreadable() throws Exception {
    byte[] bytes = serialize(new OptionsForm(new String[] {"-epochs", "many"}));
    InvalidObjectException e =
        assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
    assertTrue(e.getMessage().contains("unreadable BackpropMLP options"), e.getMessage());
  }

  private static byte[] serialize(Serializable o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
