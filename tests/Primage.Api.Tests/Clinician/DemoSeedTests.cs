using System.Net;
using Primage.Testing;

namespace Primage.Api.Tests.Clinician;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task DemoOptionLoadsANeuroblastomaAndADipgTwinVisibleToADemoClinician()
    {
        await using var app = new PrimageApp(PrimageApp.NewDataDirectory(), new Dictionary<string, string> { ["Primage:Demo"] = "true" });
        using var clinician = app.CreateClient("clinician", "demo");
        string list = "";
        for (var i = 0; i < 100 && !(list.Contains("demo-nb-1", StringComparison.Ordinal) && list.Contains("demo-dipg-1", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
            list = await clinician.GetStringAsync("/api/twins");
        }

        Assert.Contains("\"id\":\"demo-nb-1\",\"diagnosis\":\"neuroblastoma\",\"observations\":3,\"therapies\":2", list, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"demo-dipg-1\",\"diagnosis\":\"dipg\",\"observations\":3,\"therapies\":1", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/api/twins/demo-nb-1")).StatusCode);
    }
}
