namespace Primage.Kernels.Ode;

/// <summary>
/// A scalar right-hand side y' = f(t, y). Implement it on a struct (or a ref struct) and pass it by
/// reference so the solvers specialise and inline the call: no delegate, no allocation.
/// </summary>
public interface IScalarOde
{
    double Derivative(double t, double y);
}
