#include "app/core/app_info.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    latent::AppInfo::applyToApplication();
    return 0;
}
