using Primage.Silo.Hosting;

namespace Primage.Silo.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        Assert.True(new PrimageOptionsValidator().Validate(null, new PrimageOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Primage:Storage:Provider")]
    public void UnknownProviderIsNamed(string expected)
    {
        var options = new PrimageOptions { Storage = { Provider = "oracle" } };
        var result = new PrimageOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresNeedsAConnectionString()
    {
        var options = new PrimageOptions { Storage = { Provider = "postgres" } };
        var result = new PrimageOptionsValidator().Validate(null, options);
        Assert.Contains("Primage:Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ClashingPortsAreRefused()
    {
        var options = new PrimageOptions { Cluster = { SiloPort = 5000, GatewayPort = 5000 } };
        Assert.Contains("SiloPort", new PrimageOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }
}
