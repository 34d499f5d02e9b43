// The kernel runner's console entry point; filled in with the runner (issue: kernels).
return 0;
