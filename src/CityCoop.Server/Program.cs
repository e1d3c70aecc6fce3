using CityCoop.Server.Cli;

return await CityCoopCommands.RunAsync(args);

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
