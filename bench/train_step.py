"""The default flow and one training step in PyTorch eager: the baseline for bench/train_step.sh.

Same math as timbreflow.trainer.flow (see its javadoc): ActNorm, K x (fixed shuffle, WaveGlow affine
coupling with a fused tanh/sigmoid gate conv and fused residual/skip 1x1 conv), conditional Gaussian
prior, bits/dim with uniform dequantisation, Adam. Prints one JSON line.
"""
import argparse
import json
import math
import resource
import time

import torch
import torch.nn.functional as F


class Coupling(torch.nn.Module):
    def __init__(self, c, hidden, layers, k, offset):
        super().__init__()
        self.ca, self.cb, self.h, self.offset = c // 2, c - c // 2, hidden, offset
        self.start = torch.nn.Conv1d(self.ca, hidden, 1)
        self.ins = torch.nn.ModuleList(
            torch.nn.Conv1d(hidden, 2 * hidden, k, dilation=2**i, padding=2**i * (k - 1) // 2)
            for i in range(layers))
        self.res_skip = torch.nn.ModuleList(
            torch.nn.Conv1d(hidden, 2 * hidden if i < layers - 1 else hidden, 1)
            for i in range(layers))
        self.end = torch.nn.Conv1d(hidden, 2 * self.cb, 1)
        torch.nn.init.zeros_(self.end.weight)
        torch.nn.init.zeros_(self.end.bias)

    def forward(self, x):
        a, b = x[:, :self.ca], x[:, self.ca:]
        h = self.start(a)
        skip = 0
        for i, (conv_in, conv_rs) in enumerate(zip(self.ins, self.res_skip)):
            u = conv_in(h)
            g = torch.tanh(u[:, :self.h]) * torch.sigmoid(u[:, self.h:])
            r = conv_rs(g)
            if i < len(self.ins) - 1:
                h = h + r[:, :self.h]
                skip = skip + r[:, self.h:]
            else:
                skip = skip + r
        o = self.end(skip)
        log_s = -F.softplus(-(o[:, :self.cb] + self.offset))
        zb = b * log_s.exp() + o[:, self.cb:]
        return torch.cat([a, zb], 1), log_s.sum((1, 2))


class Flow(torch.nn.Module):
    def __init__(self, c, steps, hidden, layers, k, offset, pe, fe, prior_frames):
        super().__init__()
        self.c = c
        self.bias = torch.nn.Parameter(torch.zeros(c))
        self.log_scale = torch.nn.Parameter(torch.zeros(c))
        g = torch.Generator().manual_seed(0)
        self.perms = [torch.randperm(c, generator=g) for _ in range(steps)]
        self.couplings = torch.nn.ModuleList(
            Coupling(c, hidden, layers, k, offset) for _ in range(steps))
        self.pitch = torch.nn.Embedding(128, pe)
        self.family = torch.nn.Embedding(11, fe)
        self.prior = torch.nn.Linear(pe + fe, 2 * c)
        torch.nn.init.zeros_(self.prior.weight)
        torch.nn.init.zeros_(self.prior.bias)
        # a learned offset per absolute frame (frames past the table use its last column)
        self.frame_offsets = torch.nn.Parameter(torch.zeros(2 * c, prior_frames))

    def forward(self, x, pitch, family):
        t = x.shape[2]
        z = (x + self.bias[None, :, None]) * self.log_scale.exp()[None, :, None]
        logdet = t * self.log_scale.sum()
        for perm, coupling in zip(self.perms, self.couplings):
            z, ld = coupling(z[:, perm])
            logdet = logdet + ld
        h = self.prior(torch.cat([self.pitch(pitch), self.family(family)], 1))[:, :, None]
        frames = torch.clamp(torch.arange(t), max=self.frame_offsets.shape[1] - 1)
        h = h + self.frame_offsets[:, frames][None]
        mean, log_std = h[:, :self.c], h[:, self.c:]
        scaled = (z - mean) * torch.exp(-log_std)
        ll = (-0.5 * scaled**2 - log_std - 0.5 * math.log(2 * math.pi)).sum((1, 2)) + logdet
        d = x.shape[1] * t
        return (-ll + d * math.log(256)) / (d * math.log(2))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--frames", type=int, default=64)
    p.add_argument("--channels", type=int, default=513)
    p.add_argument("--steps", type=int, default=12)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iters", type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    # the prior of FlowConfig.defaults(): pitch 128-d, family 16-d, 251 frame offsets
    flow = Flow(a.channels, a.steps, a.hidden, a.layers, 3, 2.0, 128, 16, 251)
    opt = torch.optim.Adam(flow.parameters(), lr=1e-3)
    x = torch.rand(a.batch, a.channels, a.frames)
    pitch = torch.randint(0, 128, (a.batch,))
    family = torch.randint(0, 11, (a.batch,))

    def step():
        xt = x + torch.rand_like(x) / 256
        loss = flow(xt, pitch, family).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss

    def forward_only():
        with torch.no_grad():
            return flow(x, pitch, family)

    for _ in range(a.warmup):
        step()
    c0 = time.thread_time()
    t0 = time.perf_counter()
    for _ in range(a.iters):
        step()
    step_ms = (time.perf_counter() - t0) / a.iters * 1e3
    step_cpu_ms = (time.thread_time() - c0) / a.iters * 1e3
    for _ in range(2):
        forward_only()
    t0 = time.perf_counter()
    for _ in range(a.iters):
        forward_only()
    fwd_ms = (time.perf_counter() - t0) / a.iters * 1e3
    params = sum(q.numel() for q in flow.parameters())
    print(json.dumps({
        "impl": "pytorch-" + torch.__version__, "threads": a.threads, "batch": a.batch,
        "frames": a.frames, "params": params, "step_ms": round(step_ms, 1),
        "step_cpu_ms": round(step_cpu_ms, 1),
        "forward_nograd_ms": round(fwd_ms, 1),
        "crops_per_s": round(a.batch * 1e3 / step_ms, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main()
