// On the platform this would delete the API Extension created by post-deploy.js.
console.log(`would delete the API Extension for ${process.env.CONNECT_SERVICE_URL}`);
