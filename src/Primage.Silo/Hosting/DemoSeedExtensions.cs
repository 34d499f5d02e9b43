namespace Primage.Silo.Hosting;

/// <summary>Registers the demo seed when "Primage:Demo" is true.</summary>
public static class DemoSeedExtensions
{
    public static WebApplicationBuilder AddPrimageDemoSeed(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Primage:Demo"))
        {
            builder.Services.AddHostedService<DemoSeed>();
        }

        return builder;
    }
}
