namespace Primage.Kernels.Therapy;

/// <summary>One instantaneous therapy event on the kernel's day axis.</summary>
public readonly record struct TherapyEvent(double Day, TherapyEventKind Kind, double Value);
