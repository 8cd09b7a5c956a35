package dev.rill.data.csv;

import java.io.IOException;

/**
 * A CSV record does not fit the columns it is read with: a quote in the wrong place, too few or too
 * many fields, a required field left empty, a number that does not parse. The message names the
 * file, the line and the column; all three are also fields so that callers can react without parsing
 * the message.
 *
 * {@snippet :
 * try {
 *   List<Tensor> row = decoder.decode("1,x,3");
 * } catch (CsvFormatException e) {
 *   System.err.println(e.file() + " line " + e.line() + " column " + e.column() + ": " + e.problem());
 * }
 * }
 */
public class CsvFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final int column;
  private final String problem;

  /**
   * @param file the file (or another name for where the record came from)
   * @param line the record's first line, from 1
   * @param column the field the problem is in, from 0 (counting every column of the record, not
   *     only the selected ones); for a wrong field count, the first missing or first extra column;
   *     -1 when no column applies (a quote left open to the end of the file)
   * @param problem what was wrong and what was expected
   */
  public CsvFormatException(String file, long line, int column, String problem) {
    super(file + ": line " + line + (column >= 0 ? ", column " + column : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** Where the record came from: a file name, or a name given by the caller. */
  public String file() {
    return file;
  }

  /** The line the record starts on, from 1. */
  public long line() {
    return line;
  }

  /** The column, from 0, or -1 when no column applies. */
  public int column() {
    return column;
  }

  /** What was wrong, without the file, line and column. */
  public String problem() {
    return problem;
  }
}
