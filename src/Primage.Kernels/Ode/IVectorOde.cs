namespace Primage.Kernels.Ode;

/// <summary>
/// A vector right-hand side y' = f(t, y). <c>dydt</c> has the length of y and never
/// aliases it. Implement on a struct (or ref struct) and pass by reference.
/// </summary>
public interface IVectorOde
{
    void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt);
}
