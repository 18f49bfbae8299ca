// A vat whose module body throws while liveslots imports it.
throw Error('this vat refuses to load');
