namespace Primage.Api.Security;

/// <summary>The roles a token can carry (claim "role").</summary>
public static class Roles
{
    public const string Clinician = "clinician";
    public const string Integration = "integration";
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Clinician, Integration, Researcher, Admin];
}
