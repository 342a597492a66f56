/**
 * Publishing files the way every module writes them: under a unique hidden temporary name beside
 * the target, then one atomic rename, so a reader sees the old file or the new one and never half
 * of one; the published file gets the permissions of any new file (the umask), not a temporary
 * file's owner-only ones.
 */
package timbreflow.runtime.files;
