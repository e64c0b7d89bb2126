using CollectorLb.Silo.Hosting;

return await SiloApplication.RunAsync(args);
