function f { 1/0; 'after in f' }
f
