document.documentElement.dataset.loaded = 'true';
