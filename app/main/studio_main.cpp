#include "app/core/app_info.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    latent::AppInfo::applyToApplication();
    return 0;
}
