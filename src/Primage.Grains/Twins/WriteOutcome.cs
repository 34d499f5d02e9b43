namespace Primage.Grains.Twins;

/// <summary>What a write to a twin did.</summary>
[GenerateSerializer, Alias("primage.write-outcome.v1")]
public enum WriteOutcome
{
    /// <summary>Stored something new.</summary>
    Created = 0,
    /// <summary>Changed an existing profile.</summary>
    Updated = 1,
    /// <summary>The same content was already stored under that id; nothing was written.</summary>
    Unchanged = 2,
    /// <summary>The id exists with different content (or the write contradicts stored state).</summary>
    Conflict = 3,
    /// <summary>The input broke a rule; see the errors. Nothing was written.</summary>
    Invalid = 4,
    /// <summary>The twin does not exist.</summary>
    NotFound = 5,
}
