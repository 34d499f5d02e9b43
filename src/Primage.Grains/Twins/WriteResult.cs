namespace Primage.Grains.Twins;

/// <summary>The outcome of a write, with the reasons when it was refused.</summary>
[GenerateSerializer, Immutable, Alias("primage.write-result.v1")]
public sealed record WriteResult(
    [property: Id(0)] WriteOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ValidationError> Errors)
{
    public static WriteResult Of(WriteOutcome outcome) => new(outcome, []);

    public static WriteResult Invalid(IReadOnlyList<ValidationError> errors) => new(WriteOutcome.Invalid, errors);

    public static WriteResult Conflict(string field, string reason) => new(WriteOutcome.Conflict, [new ValidationError(field, reason)]);

    public bool Stored => Outcome is WriteOutcome.Created or WriteOutcome.Updated;
}
