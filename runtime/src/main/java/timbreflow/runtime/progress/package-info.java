/**
 * Progress of long command-line work on stderr, shared by every module's commands: a bar redrawn in
 * place on a terminal, and a plain line every tenth of the work or half minute when stderr goes to
 * a log, so logs stay short and readable.
 */
package timbreflow.runtime.progress;
