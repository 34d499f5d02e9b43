namespace Primage.Silo.Storage;

/// <summary>One schema script: its file name, text and SHA-256 checksum.</summary>
public sealed record SchemaScript(string Name, string Text, string Checksum);
