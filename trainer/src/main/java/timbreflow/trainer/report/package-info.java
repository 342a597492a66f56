/**
 * The evaluation report of an exported model bundle, run under ONNX Runtime as it is deployed:
 * invertibility over a whole split, Griffin-Lim reconstruction and the seed's latent-noise
 * robustness check, pitch and family accuracy of samples from the conditional prior (judged by YIN
 * and by a logistic-regression family classifier trained on real notes), the seed's interpolation
 * observation measured as distances between the latent midpoint, the linear mix and the endpoints,
 * and the figures and audio examples that show it, written as Markdown, JSON, PNG and WAV into one
 * folder.
 */
package timbreflow.trainer.report;
