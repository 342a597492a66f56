/**
 * The trainer module's boundary: every failure leaves it as a {@link
 * timbreflow.trainer.TrainerException} whose reason the command line maps to an exit code. Data
 * ({@code data}), the flow ({@code flow}), training ({@code train}), the bundle report ({@code
 * report}) and the command line ({@code cli}) live in the packages below it.
 */
package timbreflow.trainer;
