using CollectorLb.Cli;

return await CliApplication.RunAsync(args, Console.Out, Console.Error, OrleansClusterSession.ConnectAsync);
