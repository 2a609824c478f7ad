// The Spring Festival sample: simulate the seed campaign and print, chart and save what happened.
//   dotnet run -c Release --project samples/SpringFestival -- --claims 1500000 --compare 3000000000,1000000000,500000000
return await SpringFestival.SpringFestivalApp.RunAsync(args);
