package weka.classifiers.functions.packaging;

import java.util.Set;
import weka.core.PluginManager;
import weka.core.WekaPackageClassLoaderManager;
import weka.core.WekaPackageManager;
import weka.gui.GenericObjectEditor;

/**
 * Run by {@link BackpropMLPPackageIT} in a child JVM whose classpath holds Weka and this class
 * only: loads the packages installed under {@code WEKA_HOME} the way the GUI does at start-up,
 * then reports whether the GenericObjectEditor's class discovery lists the classifier given as
 * the first argument, and whether it can be instantiated through the package class loader.
 *
 * <p>Output lines: {@code discovered=<true|false>}, then {@code instantiated=<class name>} or
 * {@code instantiated=false}. Exit code 0 in both cases; the test decides.
 */
public final class GoeDiscoveryProbe {

  private GoeDiscoveryProbe() {}

  /**
   * @param args the fully qualified class name to look for
   * @throws Exception if Weka's package loading fails
   */
  public static void main(String[] args) throws Exception {
    String wanted = args[0];
    WekaPackageManager.loadPackages(false);
    GenericObjectEditor.determineClasses();
    Set<String> classifiers = PluginManager.getPluginNamesOfType("weka.classifiers.Classifier");
    System.out.println("discovered=" + (classifiers != null && classifiers.contains(wanted)));
    String instantiated;
    try {
      Object o =
          WekaPackageClassLoaderManager.forName(wanted).getDeclaredConstructor().newInstance();
      instantiated = o.getClass().getName();
    } catch (ClassNotFoundException e) {
      instantiated = "false";
    }
    System.out.println("instantiated=" + instantiated);
    System.out.flush();
    // Weka's package loading may leave non-daemon threads behind.
    System.exit(0);
  }
}
