"""Single-thread GEMM throughput of Debian PyTorch at the coupling nets' shapes (see LinearProbe.java)."""
import torch, time
torch.set_num_threads(1)
for rep in range(2):
  for m,k,n in [(512,192,128),(512,256,64),(512,64,514),(512,64,128)]:
    x=torch.randn(8,m//8,k); w=torch.randn(n,k); b=torch.randn(n)
    for _ in range(20): torch.nn.functional.linear(x,w,b)
    c0=time.thread_time(); N=200
    for _ in range(N): torch.nn.functional.linear(x,w,b)
    ms=(time.thread_time()-c0)/N*1e3
    print(f"py  linear {m}x{k}x{n} {ms:.3f} ms {2*m*k*n/ms/1e6:.1f} GFLOP/s")
