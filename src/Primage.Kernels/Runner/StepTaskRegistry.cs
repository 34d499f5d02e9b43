using System.Collections.Frozen;
using System.Reflection;

namespace Primage.Kernels.Runner;

/// <summary>
/// Every <see cref="IStepTask"/> in the kernels assembly (public, non-abstract, parameterless
/// constructor), found once by reflection. Two tasks with the same name are a build defect and fail loudly.
/// </summary>
internal static class StepTaskRegistry
{
    private static readonly Lazy<FrozenDictionary<string, Type>> Tasks = new(Discover);

    public static IReadOnlyList<string> Names => [.. Tasks.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A fresh instance per step, so tasks may keep per-run state.</summary>
    public static IStepTask? Find(string name)
        => Tasks.Value.TryGetValue(name, out var type) ? (IStepTask)Activator.CreateInstance(type)! : null;

    private static FrozenDictionary<string, Type> Discover()
    {
        var tasks = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(IStepTask).Assembly.GetExportedTypes())
        {
            if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters
                || !typeof(IStepTask).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            var name = ((IStepTask)Activator.CreateInstance(type)!).Name;
            if (!tasks.TryAdd(name, type))
            {
                throw new InvalidOperationException($"Step tasks {tasks[name].FullName} and {type.FullName} share the name '{name}'.");
            }
        }

        return tasks.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
