package timbreflow.trainer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies of a configuration record with some components replaced, made through the record's
 * canonical constructor so its validation runs on the copy; the configs' {@code withSteps}-style
 * methods use it instead of repeating every field.
 */
public final class RecordCopies {

  private RecordCopies() {}

  /**
   * {@code record} with the named components replaced.
   *
   * @param type the record's class
   * @param changes component name → new value (boxed for a primitive component)
   * @throws TrainerException {@code INVALID_CONFIG} for an unknown name, a value of the wrong type,
   *     or a value the record's constructor rejects
   */
  public static <R extends Record> R with(Class<R> type, R record, Map<String, ?> changes) {
    RecordComponent[] components = type.getRecordComponents();
    Map<String, Object> left = new HashMap<>(changes);
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      boolean changed = left.containsKey(c.getName());
      values[i] = changed ? left.remove(c.getName()) : read(c, record);
      if (changed && !boxed(c.getType()).isInstance(values[i])) {
        throw invalid(
            type,
            c.getName()
                + ": expected a value of type "
                + c.getType().getSimpleName()
                + ", found "
                + (values[i] == null
                    ? "null"
                    : values[i] + " (" + values[i].getClass().getSimpleName() + ")"));
      }
    }
    if (!left.isEmpty()) {
      throw invalid(type, "expected component names, found unknown " + left.keySet());
    }
    try {
      return type.cast(type.getDeclaredConstructor(types).newInstance(values));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException rejected) {
        throw rejected;
      }
      throw new IllegalStateException("constructor of " + type.getName() + " failed", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          type.getName() + " has no accessible canonical constructor", e);
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read component " + component.getName(), e);
    }
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "boolean" -> Boolean.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      default -> Character.class;
    };
  }

  private static TrainerException invalid(Class<?> type, String detail) {
    return new TrainerException(
        TrainerException.Reason.INVALID_CONFIG, type.getSimpleName() + " field " + detail);
  }
}
