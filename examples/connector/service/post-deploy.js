// On the platform this would create the API Extension pointing at CONNECT_SERVICE_URL.
console.log(`would create an API Extension for ${process.env.CONNECT_SERVICE_URL} in project ${process.env.CTP_PROJECT_KEY}`);
