using System.Text.Json;

namespace Primage.Kernels.Runner;

/// <summary>The validated envelope of a step input document; <see cref="Parameters"/> is owned by the parsed document.</summary>
internal readonly record struct StepInput(string StepId, string Task, long Seed, JsonElement Parameters);
