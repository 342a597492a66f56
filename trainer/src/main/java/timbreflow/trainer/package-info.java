/** timbreflow trainer module root. */
package timbreflow.trainer;
